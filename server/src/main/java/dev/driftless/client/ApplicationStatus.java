package dev.driftless.client;

import dev.driftless.engine.diff.SyncState;

import java.time.Instant;
import java.util.List;

/**
 * The status of an application and of each object it manages.
 *
 * @param waiting what a sync window holds back, and until when; null when nothing waits
 */
public record ApplicationStatus(SyncStatus sync, HealthStatus health, String healthMessage, String revision,
                                List<Resource> resources, Operation lastOperation, List<String> errors,
                                String waiting, Instant reconciledAt) {

    public ApplicationStatus {
        resources = resources == null ? List.of() : List.copyOf(resources);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One managed object; {@code key} is {@code group/Kind:namespace/name}. */
    public record Resource(String key, String group, String kind, String namespace, String name, SyncState sync,
                           HealthStatus health, String healthMessage) {
    }
}
