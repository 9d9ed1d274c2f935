package dev.driftless.client;

import java.util.Map;

/** One row of the application list. {@code origin} is {@code config} (files or Git) or {@code api}. */
public record ApplicationSummary(String name, String project, String cluster, String namespace, String repoURL,
                                 String path, Map<String, String> labels, SyncStatus sync, HealthStatus health,
                                 String revision, boolean automated, String origin) {

    public ApplicationSummary {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
