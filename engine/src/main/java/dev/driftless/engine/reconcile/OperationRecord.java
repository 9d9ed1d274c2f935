package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Revision;
import dev.driftless.engine.sync.ResourceResult;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sync of one application, as history keeps it: what started it, which commit, when, and how it ended.
 * Everything here is safe to store and show: no Secret value ever reaches a {@link ResourceResult} message.
 *
 * @param id          assigned by the {@link OperationLog}, increasing per log
 * @param revision    the commit synced (full SHA); empty when the source could not be read
 * @param commit      author, committer and message of that commit, when known
 * @param initiatedBy who or what started it: {@code automated}, {@code self-heal}, {@code rollback},
 *                    or {@code user:<name>}
 * @param finishedAt  {@code null} while running
 * @param message     a summary, or the error
 * @param resources   per-object results
 */
public record OperationRecord(long id, String application, String revision, Revision commit, String initiatedBy,
                              Instant startedAt, Instant finishedAt, Phase phase, String message,
                              List<ResourceResult> resources, boolean prune, boolean dryRun) {

    public enum Phase { RUNNING, SUCCEEDED, FAILED }

    public OperationRecord {
        Objects.requireNonNull(application, "application");
        revision = revision == null ? "" : revision;
        message = message == null ? "" : message;
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The same operation with other per-object results, e.g. those recorded so far while it runs. */
    public OperationRecord withResources(List<ResourceResult> results) {
        return new OperationRecord(id, application, revision, commit, initiatedBy, startedAt, finishedAt, phase, message,
                results, prune, dryRun);
    }

    public OperationRecord finished(Instant at, Phase endPhase, String endMessage, List<ResourceResult> results) {
        return new OperationRecord(id, application, revision, commit, initiatedBy, startedAt, at, endPhase, endMessage,
                results, prune, dryRun);
    }
}
