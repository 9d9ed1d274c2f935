package dev.driftless.engine.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster applications can deploy to ({@code kind: Cluster}).
 *
 * @param name       name applications use in {@code destination.cluster}
 * @param kubeconfig the kubeconfig file; {@code null} for the sandbox cluster
 * @param context    the context in it, or {@code null} for its current context
 * @param labels     labels such as {@code env: prod}
 * @param sandbox    an in-process sandbox cluster (a CRUD mock), never a real one
 */
public record ClusterSpec(String name, Path kubeconfig, String context, Map<String, String> labels, boolean sandbox) {

    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
