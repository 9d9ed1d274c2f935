package dev.driftless.engine.cluster;

/** How objects are written to a cluster. */
public enum ApplyMode {
    /** Server-side apply where the cluster supports it, detected on the first apply and remembered; else client-side. */
    AUTO,
    /** Server-side apply with field manager {@code driftless} and force; fails where the server lacks it. */
    SERVER_SIDE,
    /** Create when missing, else a three-way JSON merge patch computed from the last-applied record. */
    CLIENT_SIDE
}
