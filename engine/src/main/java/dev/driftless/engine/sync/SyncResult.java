package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.ResourceKey;

import java.util.List;
import java.util.Map;

/**
 * The outcome of executing a {@link SyncPlan}.
 *
 * @param resources the results in the order they happened: one per object, a few per hook run, and a second one
 *                  ({@link SyncAction#FAILED}) for an applied object that did not become healthy in time
 * @param dryRun    whether nothing was written and the actions are what a real sync would have done
 * @param written   every applied object (hooks and prunes aside) as the server answered its write, for the compare
 *                  right after the sync; it may hold Secret values, so {@link #toString()} names only the keys
 */
public record SyncResult(List<ResourceResult> resources, boolean dryRun, Map<ResourceKey, ObjectNode> written) {

    public SyncResult {
        resources = List.copyOf(resources);
        written = Map.copyOf(written);
    }

    /** A result with no written objects to hand on. */
    public SyncResult(List<ResourceResult> resources, boolean dryRun) {
        this(resources, dryRun, Map.of());
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    public List<ResourceResult> failures() {
        return resources.stream().filter(result -> result.action().isFailure()).toList();
    }

    @Override
    public String toString() {
        return "SyncResult[resources=" + resources + ", dryRun=" + dryRun + ", written=" + written.keySet() + "]";
    }
}
