package dev.driftless.engine.cluster;

/** What one apply did to the cluster. */
public enum ApplyOutcome {
    CREATED,
    CONFIGURED,
    /** Nothing differed, so nothing was written. */
    UNCHANGED
}
