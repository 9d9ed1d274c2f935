package dev.driftless.engine.sync;

import java.util.List;

/**
 * The outcome of executing a {@link SyncPlan}.
 *
 * @param resources the results in the order they happened: one per object, a few per hook run, and a second one
 *                  ({@link SyncAction#FAILED}) for an applied object that did not become healthy in time
 * @param dryRun    whether nothing was written and the actions are what a real sync would have done
 */
public record SyncResult(List<ResourceResult> resources, boolean dryRun) {

    public SyncResult {
        resources = List.copyOf(resources);
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    public List<ResourceResult> failures() {
        return resources.stream().filter(result -> result.action().isFailure()).toList();
    }
}
