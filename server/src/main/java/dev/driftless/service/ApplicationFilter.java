package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Server-side filters of the application list; empty or null parts match everything.
 *
 * @param nameContains substring of the name, case-insensitive
 * @param sync         Synced, OutOfSync or Unknown
 * @param health       Healthy, Progressing, Degraded, Suspended, Missing or Unknown
 * @param text         free text: a case-insensitive substring of the name, project, cluster, namespace, repository
 *                     URL, path or a label value
 * @param visible      the applications the caller may see (RBAC {@code applications, get}); the others are left
 *                     out before paging and counting
 */
public record ApplicationFilter(String nameContains, String project, String cluster, Map<String, String> labels,
                                String sync, String health, String text, Predicate<ApplicationSpec> visible) {

    public ApplicationFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        visible = visible == null ? spec -> true : visible;
    }

    /** A filter for a caller who may see every application. */
    public ApplicationFilter(String nameContains, String project, String cluster, Map<String, String> labels,
                             String sync, String health, String text) {
        this(nameContains, project, cluster, labels, sync, health, text, null);
    }

    public static ApplicationFilter none() {
        return new ApplicationFilter(null, null, null, Map.of(), null, null, null);
    }

    /** This filter, for a caller who sees only the applications {@code visible} accepts. */
    public ApplicationFilter visibleOnly(Predicate<ApplicationSpec> visibleToCaller) {
        return new ApplicationFilter(nameContains, project, cluster, labels, sync, health, text, visibleToCaller);
    }
}
