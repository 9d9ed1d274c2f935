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
 */
public record DesiredState(Optional<Revision> revision, List<Manifest> manifests, Footprint footprint) {

    public DesiredState {
        manifests = List.copyOf(manifests);
    }
}
