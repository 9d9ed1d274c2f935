package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.util.List;

/**
 * Turns a checked-out tree into the ordered list of desired Kubernetes objects.
 * A renderer reads nothing outside {@link RenderRequest#repoRoot()} and returns nothing it did not read from there.
 * It must not write into the tree either: renders of one commit share it.
 */
public interface Renderer {

    List<Manifest> render(RenderRequest request) throws RenderException;

    /**
     * The objects with the paths they depend on. A renderer that does not trace its reads says
     * {@link Footprint#ANYWHERE}, so any change refreshes its applications.
     */
    default Rendering renderTracingReads(RenderRequest request) throws RenderException {
        return new Rendering(render(request), Footprint.ANYWHERE);
    }
}
