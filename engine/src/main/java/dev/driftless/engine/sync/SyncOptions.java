package dev.driftless.engine.sync;

import dev.driftless.engine.cluster.ApplyMode;

import java.util.Objects;

/**
 * How one sync runs.
 *
 * @param prune                delete tracked objects that Git no longer has
 * @param allowEmpty           let a sync whose desired set is empty prune (otherwise an empty or failed render never deletes anything)
 * @param createNamespace      create the destination namespace when it does not exist
 * @param destinationNamespace namespace given to namespaced objects that name none; empty when the application has none
 * @param dryRun               plan and report without writing anything (client-side: the server's dry-run is never relied on)
 * @param applyMode            server-side apply, client-side merge, or detect
 */
public record SyncOptions(boolean prune, boolean allowEmpty, boolean createNamespace, String destinationNamespace,
                          boolean dryRun, ApplyMode applyMode) {

    public SyncOptions {
        destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
        Objects.requireNonNull(applyMode, "applyMode");
    }

    /** No prune, no namespace creation, a real (not dry) run, apply mode detected. */
    public static SyncOptions defaults(String destinationNamespace) {
        return new SyncOptions(false, false, false, destinationNamespace, false, ApplyMode.AUTO);
    }

    public SyncOptions withPrune(boolean newPrune) {
        return new SyncOptions(newPrune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode);
    }

    public SyncOptions withAllowEmpty(boolean newAllowEmpty) {
        return new SyncOptions(prune, newAllowEmpty, createNamespace, destinationNamespace, dryRun, applyMode);
    }

    public SyncOptions withCreateNamespace(boolean newCreateNamespace) {
        return new SyncOptions(prune, allowEmpty, newCreateNamespace, destinationNamespace, dryRun, applyMode);
    }

    public SyncOptions withDryRun(boolean newDryRun) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, newDryRun, applyMode);
    }

    public SyncOptions withApplyMode(ApplyMode newApplyMode) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, newApplyMode);
    }
}
