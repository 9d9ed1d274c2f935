package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.util.List;

/**
 * Turns a checked-out tree into the ordered list of desired Kubernetes objects.
 * A renderer reads nothing outside {@link RenderRequest#repoRoot()} and returns nothing it did not read from there.
 */
public interface Renderer {

    List<Manifest> render(RenderRequest request) throws RenderException;
}
