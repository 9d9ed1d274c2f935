package dev.driftless.client;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster to add. The kubeconfig holds credentials: it is sent once, and {@link #toString()} leaves it out.
 *
 * @param kubeconfig the kubeconfig file's content
 * @param context    the context to use, or null for the kubeconfig's current context
 */
public record ClusterInput(String name, String kubeconfig, String context, Map<String, String> labels) {

    public ClusterInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    @Override
    public String toString() {
        return "ClusterInput[name=" + name + ", kubeconfig=<redacted>, context=" + context + ", labels=" + labels + "]";
    }
}
