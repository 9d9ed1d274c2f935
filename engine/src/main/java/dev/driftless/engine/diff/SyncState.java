package dev.driftless.engine.diff;

/** How one object in Git compares with the cluster. */
public enum SyncState {
    /** Every field Git sets has the same value live. */
    SYNCED,
    /** At least one field Git sets (or Driftless applied before and Git has since removed) differs live. */
    OUT_OF_SYNC,
    /** In Git, not in the cluster. */
    MISSING,
    /** In the cluster with this application's tracking annotation, no longer in Git: a prune candidate. */
    EXTRANEOUS
}
