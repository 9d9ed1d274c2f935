package dev.driftless.engine.sync;

import dev.driftless.engine.model.ResourceKey;

import java.util.List;

/**
 * What a sync will do, in order: create the destination namespace if asked, run the PreSync hooks, apply
 * {@code steps} wave by wave with the Sync hooks of each wave, delete {@code prunes}, then run the PostSync hooks;
 * the SyncFail hooks run only when something failed.
 *
 * @param app               the application
 * @param namespaceToCreate the destination namespace to create when missing; empty for none
 * @param steps             the objects to apply, in apply order
 * @param prunes            tracked objects no longer in Git to delete, in delete order (the reverse of apply order)
 * @param unchanged         desired objects already in sync: never written
 * @param skipped           objects the plan deliberately leaves alone, with the reason
 * @param hooks             the hooks of every phase, each phase in run order (wave, kind order, name)
 */
public record SyncPlan(String app, String namespaceToCreate, List<SyncStep> steps, List<ResourceKey> prunes,
                       List<ResourceKey> unchanged, List<Skip> skipped, List<Hook> hooks) {

    /** An object left alone, e.g. a prune candidate when prune is off. */
    public record Skip(ResourceKey key, String reason) {
    }

    public SyncPlan {
        namespaceToCreate = namespaceToCreate == null ? "" : namespaceToCreate;
        steps = List.copyOf(steps);
        prunes = List.copyOf(prunes);
        unchanged = List.copyOf(unchanged);
        skipped = List.copyOf(skipped);
        hooks = List.copyOf(hooks);
    }

    /** A plan without hooks. */
    public SyncPlan(String app, String namespaceToCreate, List<SyncStep> steps, List<ResourceKey> prunes,
                    List<ResourceKey> unchanged, List<Skip> skipped) {
        this(app, namespaceToCreate, steps, prunes, unchanged, skipped, List.of());
    }

    /** The hooks of one phase, in run order. */
    public List<Hook> hooks(HookPhase phase) {
        return hooks.stream().filter(hook -> hook.phase() == phase).toList();
    }

    /**
     * Whether executing this plan changes nothing (it may still read, e.g. to see the namespace exists). A plan with
     * hooks is never a no-op: every sync runs them. Whether the application needs a sync at all is for the
     * comparison of its resources to tell, which hooks are not part of.
     */
    public boolean isNoOp() {
        return steps.isEmpty() && prunes.isEmpty() && namespaceToCreate.isEmpty()
                && hooks.stream().allMatch(hook -> hook.phase() == HookPhase.SYNC_FAIL);
    }
}
