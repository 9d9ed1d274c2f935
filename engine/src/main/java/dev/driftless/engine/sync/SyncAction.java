package dev.driftless.engine.sync;

/**
 * What a sync did, or would do in a dry run, to one object. The {@code HOOK_} actions report a hook's run; one hook
 * run gives several results in turn (e.g. created, then succeeded, then deleted), all under the instance's key.
 */
public enum SyncAction {
    CREATED,
    CONFIGURED,
    PRUNED,
    /** Already as desired: nothing written. */
    UNCHANGED,
    /** Could not be written, or did not become healthy in time before the next wave or the PostSync hooks. */
    FAILED,
    /** Not attempted because an earlier stage failed. */
    SKIPPED,
    HOOK_CREATED,
    HOOK_SUCCEEDED,
    /** The hook could not be created, failed, or did not complete in time: the sync fails. */
    HOOK_FAILED,
    HOOK_DELETED;

    /** Whether this result makes the sync fail. */
    public boolean isFailure() {
        return this == FAILED || this == HOOK_FAILED;
    }

    public boolean isHook() {
        return name().startsWith("HOOK_");
    }
}
