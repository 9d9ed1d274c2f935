package dev.driftless.store;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster registered through the API. The kubeconfig holds credentials: it is encrypted in the database and
 * {@code toString()} never shows it.
 *
 * @param kubeconfig the kubeconfig file's content
 * @param context    the context to use, or {@code null} for its current context
 */
public record StoredCluster(String name, String kubeconfig, String context, Map<String, String> labels) {

    public StoredCluster {
        name = StoredNames.require(name, "cluster name", 253);
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        if (kubeconfig.isBlank()) {
            throw new IllegalArgumentException("cluster " + name + ": the kubeconfig is empty");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public String toString() {
        return "StoredCluster[name=" + name + ", kubeconfig=***, context=" + context + ", labels=" + labels + "]";
    }
}
