package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.Cluster;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster applications deploy to.
 *
 * @param cluster the adapter syncs go through
 * @param client  the client {@code cluster} wraps, used to watch the objects applications manage
 * @param labels  the cluster's labels, e.g. {@code env: prod}
 */
public record ClusterConnection(Cluster cluster, KubernetesClient client, Map<String, String> labels) {

    public ClusterConnection {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(client, "client");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
