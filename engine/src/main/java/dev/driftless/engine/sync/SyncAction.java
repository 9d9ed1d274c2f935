package dev.driftless.engine.sync;

/** What a sync did, or would do in a dry run, to one object. */
public enum SyncAction {
    CREATED,
    CONFIGURED,
    PRUNED,
    /** Already as desired: nothing written. */
    UNCHANGED,
    FAILED,
    /** Not attempted because an earlier stage failed. */
    SKIPPED
}
