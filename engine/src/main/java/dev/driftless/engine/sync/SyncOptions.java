package dev.driftless.engine.sync;

import dev.driftless.engine.cluster.ApplyMode;

import java.time.Duration;
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
 * @param waitTimeout          the longest each wait of the sync may last: a sync wave becoming healthy before the next
 *                             starts, the objects becoming healthy before PostSync hooks, one wave of hooks completing
 * @param pollInterval         how often health and hook completion are read while waiting
 * @param operation            the id of the operation this sync runs as, labelled on every hook object it creates
 *                             ({@value Hook#OPERATION_LABEL}) so the hooks of a killed sync can be found; empty for none
 */
public record SyncOptions(boolean prune, boolean allowEmpty, boolean createNamespace, String destinationNamespace,
                          boolean dryRun, ApplyMode applyMode, Duration waitTimeout, Duration pollInterval,
                          String operation) {

    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public SyncOptions {
        destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
        operation = operation == null ? "" : operation;
        Objects.requireNonNull(applyMode, "applyMode");
        requirePositive(waitTimeout, "waitTimeout");
        requirePositive(pollInterval, "pollInterval");
    }

    /** Options outside any recorded operation. */
    public SyncOptions(boolean prune, boolean allowEmpty, boolean createNamespace, String destinationNamespace,
                       boolean dryRun, ApplyMode applyMode, Duration waitTimeout, Duration pollInterval) {
        this(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode, waitTimeout, pollInterval, "");
    }

    /** Options with the default wait timeout and poll interval. */
    public SyncOptions(boolean prune, boolean allowEmpty, boolean createNamespace, String destinationNamespace,
                       boolean dryRun, ApplyMode applyMode) {
        this(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                DEFAULT_WAIT_TIMEOUT, DEFAULT_POLL_INTERVAL);
    }

    /** No prune, no namespace creation, a real (not dry) run, apply mode detected, default waits. */
    public static SyncOptions defaults(String destinationNamespace) {
        return new SyncOptions(false, false, false, destinationNamespace, false, ApplyMode.AUTO);
    }

    public SyncOptions withPrune(boolean newPrune) {
        return new SyncOptions(newPrune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                waitTimeout, pollInterval, operation);
    }

    public SyncOptions withAllowEmpty(boolean newAllowEmpty) {
        return new SyncOptions(prune, newAllowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                waitTimeout, pollInterval, operation);
    }

    public SyncOptions withCreateNamespace(boolean newCreateNamespace) {
        return new SyncOptions(prune, allowEmpty, newCreateNamespace, destinationNamespace, dryRun, applyMode,
                waitTimeout, pollInterval, operation);
    }

    public SyncOptions withDryRun(boolean newDryRun) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, newDryRun, applyMode,
                waitTimeout, pollInterval, operation);
    }

    public SyncOptions withApplyMode(ApplyMode newApplyMode) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, newApplyMode,
                waitTimeout, pollInterval, operation);
    }

    public SyncOptions withWaitTimeout(Duration newWaitTimeout) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                newWaitTimeout, pollInterval, operation);
    }

    public SyncOptions withPollInterval(Duration newPollInterval) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                waitTimeout, newPollInterval, operation);
    }

    public SyncOptions withOperation(String newOperation) {
        return new SyncOptions(prune, allowEmpty, createNamespace, destinationNamespace, dryRun, applyMode,
                waitTimeout, pollInterval, newOperation);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
