package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.render.Footprint;

import java.util.List;
import java.util.Optional;

/**
 * The rendered desired state of an application.
 *
 * @param revision  the commit it was rendered from; empty for a local working tree
 * @param footprint the paths of the repository the render depends on
 * @param decrypted whether the render decrypted SOPS-encrypted content: then it holds secrets and is never kept
 */
public record DesiredState(Optional<Revision> revision, List<Manifest> manifests, Footprint footprint,
                           boolean decrypted) {

    public DesiredState {
        manifests = List.copyOf(manifests);
    }

    /** A desired state that decrypted nothing. */
    public DesiredState(Optional<Revision> revision, List<Manifest> manifests, Footprint footprint) {
        this(revision, manifests, footprint, false);
    }
}
