package dev.driftless.client;

import java.util.List;

/**
 * One page of the application list and the filters the server applies; null filters are not sent.
 *
 * @param name    substring of the name
 * @param labels  {@code key=value} each; all must match
 */
public record ApplicationQuery(int limit, int offset, String name, String project, String cluster, List<String> labels,
                               SyncStatus sync, HealthStatus health) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ApplicationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + ": must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + ": must not be negative");
        }
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The first page, unfiltered. */
    public static ApplicationQuery all() {
        return new ApplicationQuery(DEFAULT_LIMIT, 0, null, null, null, List.of(), null, null);
    }
}
