package dev.driftless.engine.sync;

import java.util.List;

/**
 * The outcome of executing a {@link SyncPlan}.
 *
 * @param resources one result per object, in the order they were handled
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
        return resources.stream().filter(result -> result.action() == SyncAction.FAILED).toList();
    }
}
