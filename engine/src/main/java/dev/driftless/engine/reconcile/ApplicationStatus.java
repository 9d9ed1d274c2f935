package dev.driftless.engine.reconcile;

import dev.driftless.engine.health.Health;
import dev.driftless.engine.model.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller knows of one application, kept in memory and replaced whole on every change, so reading it is
 * cheap and consistent.
 *
 * @param sync          Synced, OutOfSync, or Unknown until the first comparison succeeds
 * @param health        the worst health of the desired objects, with the message of the first one that has it
 * @param revision      the commit last compared; empty until a comparison succeeds
 * @param resources     per object, desired ones first, then the extraneous tracked ones
 * @param error         the last reconcile's error (source unreachable, render failed, cluster unknown); empty when
 *                      it succeeded. The rest of the status is then the last state known.
 * @param lastOperation the last sync, dry runs included
 * @param waiting       an automated sync held back by a sync window, or a retry waiting for its backoff
 * @param rollback      a rollback in force: the revision is pinned and automated sync is off until resumed
 * @param reconciledAt  when the status was last computed
 */
public record ApplicationStatus(String name, Sync sync, Health health, Optional<Revision> revision,
                                List<ResourceStatus> resources, String error, Optional<OperationRecord> lastOperation,
                                Optional<Waiting> waiting, Optional<Rollback> rollback, Instant reconciledAt) {

    /** The sync status of an application as a whole. */
    public enum Sync { SYNCED, OUT_OF_SYNC, UNKNOWN }

    /**
     * An automated sync that waits.
     *
     * @param what  what waits, e.g. {@code automated sync to 1a2b3c4}
     * @param until when it may run at the earliest; empty when no end is known
     * @param why   e.g. {@code deny window '0 10 * * *' is open}, or {@code retry 2 of 5 after: <error>}
     */
    public record Waiting(String what, Optional<Instant> until, String why) {
    }

    /**
     * A rollback in force.
     *
     * @param revision    the pinned commit SHA
     * @param operationId the history entry it rolled back to
     */
    public record Rollback(String revision, long operationId) {
        public Rollback {
            Objects.requireNonNull(revision, "revision");
        }
    }

    public ApplicationStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
        resources = List.copyOf(resources);
        error = error == null ? "" : error;
    }

    /** The status of an application never compared yet. */
    public static ApplicationStatus unknown(String name, Instant at) {
        return new ApplicationStatus(name, Sync.UNKNOWN, Health.unknown("not compared yet"), Optional.empty(),
                List.of(), "", Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    public ApplicationStatus withError(String newError, Instant at) {
        return new ApplicationStatus(name, sync, health, revision, resources, newError, lastOperation, waiting,
                rollback, at);
    }

    public ApplicationStatus withLastOperation(OperationRecord operation) {
        return new ApplicationStatus(name, sync, health, revision, resources, error, Optional.of(operation), waiting,
                rollback, reconciledAt);
    }

    public ApplicationStatus withWaiting(Optional<Waiting> newWaiting) {
        return new ApplicationStatus(name, sync, health, revision, resources, error, lastOperation, newWaiting,
                rollback, reconciledAt);
    }

    public ApplicationStatus withRollback(Optional<Rollback> newRollback) {
        return new ApplicationStatus(name, sync, health, revision, resources, error, lastOperation, waiting,
                newRollback, reconciledAt);
    }

    /** Whether anything but the time of computation differs. */
    public boolean sameStateAs(ApplicationStatus other) {
        return other != null && equals(new ApplicationStatus(other.name, other.sync, other.health, other.revision,
                other.resources, other.error, other.lastOperation, other.waiting, other.rollback, reconciledAt));
    }
}
