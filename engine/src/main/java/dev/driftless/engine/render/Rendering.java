package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.util.List;
import java.util.Objects;

/**
 * A render's objects and the paths of the repository they depend on.
 *
 * @param manifests the desired objects, in order
 * @param footprint what a change must touch to alter them
 * @param decrypted whether SOPS-encrypted content was decrypted: then the manifests hold secrets and must not be kept
 */
public record Rendering(List<Manifest> manifests, Footprint footprint, boolean decrypted) {

    public Rendering {
        manifests = List.copyOf(manifests);
        Objects.requireNonNull(footprint, "footprint");
    }

    /** A rendering that decrypted nothing. */
    public Rendering(List<Manifest> manifests, Footprint footprint) {
        this(manifests, footprint, false);
    }
}
