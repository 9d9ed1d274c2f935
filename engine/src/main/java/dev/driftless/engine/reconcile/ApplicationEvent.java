package dev.driftless.engine.reconcile;

import java.time.Instant;
import java.util.List;

/** Something that happened to an application, for notifications and the event list. Carries no Secret value. */
public sealed interface ApplicationEvent {

    String application();

    Instant at();

    /** A sync (automated, manual or rollback) applied everything. Self-heal reports {@link DriftReverted} instead. */
    record SyncSucceeded(String application, Instant at, OperationRecord operation) implements ApplicationEvent {
    }

    /** A sync failed, or the source could not be read or rendered for it. */
    record SyncFailed(String application, Instant at, OperationRecord operation) implements ApplicationEvent {
    }

    /** The application's health turned Degraded. */
    record HealthDegraded(String application, Instant at, String message) implements ApplicationEvent {
    }

    /** Objects were changed in the cluster, Git unchanged, and self-heal is off: the application is OutOfSync. */
    record DriftDetected(String application, Instant at, String revision, List<ResourceStatus> drifted)
            implements ApplicationEvent {
    }

    /** Objects changed in the cluster were put back as Git has them by self-heal. */
    record DriftReverted(String application, Instant at, OperationRecord operation) implements ApplicationEvent {
    }

    /** The application's status changed in any way. */
    record StatusChanged(String application, Instant at, ApplicationStatus status) implements ApplicationEvent {
    }
}
