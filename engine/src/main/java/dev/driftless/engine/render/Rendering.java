package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.util.List;
import java.util.Objects;

/**
 * A render's objects and the paths of the repository they depend on.
 *
 * @param manifests the desired objects, in order
 * @param footprint what a change must touch to alter them
 */
public record Rendering(List<Manifest> manifests, Footprint footprint) {

    public Rendering {
        manifests = List.copyOf(manifests);
        Objects.requireNonNull(footprint, "footprint");
    }
}
