package dev.driftless.engine.sync;

import dev.driftless.engine.model.ResourceKey;

import java.util.List;

/**
 * What a sync will do, in order: create the destination namespace if asked, apply {@code steps}, then delete
 * {@code prunes}.
 *
 * @param app               the application
 * @param namespaceToCreate the destination namespace to create when missing; empty for none
 * @param steps             the objects to apply, in apply order
 * @param prunes            tracked objects no longer in Git to delete, in delete order (the reverse of apply order)
 * @param unchanged         desired objects already in sync: never written
 * @param skipped           objects the plan deliberately leaves alone, with the reason
 */
public record SyncPlan(String app, String namespaceToCreate, List<SyncStep> steps, List<ResourceKey> prunes,
                       List<ResourceKey> unchanged, List<Skip> skipped) {

    /** An object left alone, e.g. a prune candidate when prune is off. */
    public record Skip(ResourceKey key, String reason) {
    }

    public SyncPlan {
        namespaceToCreate = namespaceToCreate == null ? "" : namespaceToCreate;
        steps = List.copyOf(steps);
        prunes = List.copyOf(prunes);
        unchanged = List.copyOf(unchanged);
        skipped = List.copyOf(skipped);
    }

    /** Whether executing this plan changes nothing (it may still read, e.g. to see the namespace exists). */
    public boolean isNoOp() {
        return steps.isEmpty() && prunes.isEmpty() && namespaceToCreate.isEmpty();
    }
}
