package dev.driftless.service;

import java.util.Map;

/**
 * Server-side filters of the application list; empty or null parts match everything.
 *
 * @param nameContains substring of the name, case-insensitive
 * @param sync         Synced, OutOfSync or Unknown
 * @param health       Healthy, Progressing, Degraded, Suspended, Missing or Unknown
 * @param text         free text: a case-insensitive substring of the name, project, cluster, namespace, repository
 *                     URL, path or a label value
 */
public record ApplicationFilter(String nameContains, String project, String cluster, Map<String, String> labels,
                                String sync, String health, String text) {

    public ApplicationFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ApplicationFilter none() {
        return new ApplicationFilter(null, null, null, Map.of(), null, null, null);
    }
}
