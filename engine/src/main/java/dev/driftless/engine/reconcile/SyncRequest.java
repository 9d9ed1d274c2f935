package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.ResourceKey;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sync someone asked for.
 *
 * @param revision    a revision to sync instead of the application's own, once
 * @param prune       whether to prune; empty for the application's sync policy
 * @param dryRun      report what would happen without writing
 * @param resources   only these objects; empty for all
 * @param initiatedBy who asked, e.g. {@code user:alice}
 */
public record SyncRequest(Optional<String> revision, Optional<Boolean> prune, boolean dryRun, Set<ResourceKey> resources,
                          String initiatedBy) {

    public SyncRequest {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(prune, "prune");
        resources = Set.copyOf(resources);
        Objects.requireNonNull(initiatedBy, "initiatedBy");
    }

    /** Everything, at the application's revision, with its sync policy's prune setting. */
    public static SyncRequest by(String initiatedBy) {
        return new SyncRequest(Optional.empty(), Optional.empty(), false, Set.of(), initiatedBy);
    }
}
