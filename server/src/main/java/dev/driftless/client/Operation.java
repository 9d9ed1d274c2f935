package dev.driftless.client;

import java.time.Instant;
import java.util.List;

/**
 * A sync or rollback, as the history records it.
 *
 * @param message     the commit message
 * @param initiatedBy who or what started it
 * @param phase       {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param finishedAt  null while running
 */
public record Operation(long id, String application, String revision, String author, String message,
                        String initiatedBy, Instant startedAt, Instant finishedAt, String phase, String result,
                        List<ResourceResult> resources) {

    public Operation {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** What the operation did to one object. */
    public record ResourceResult(String key, String action, String message) {
    }
}
