package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.Cluster;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster applications deploy to, and the connections to it that impersonate a Kubernetes user (a project's
 * service account): one client per user, made on first use and reused until {@link #closeImpersonated()}.
 * Thread-safe.
 */
public final class ClusterConnection {

    private final Cluster cluster;
    private final KubernetesClient client;
    private final Map<String, String> labels;
    private final Map<String, ClusterConnection> impersonated = new ConcurrentHashMap<>();

    /**
     * @param cluster the adapter syncs go through
     * @param client  the client {@code cluster} wraps, used to watch the objects applications manage
     * @param labels  the cluster's labels, e.g. {@code env: prod}
     */
    public ClusterConnection(Cluster cluster, KubernetesClient client, Map<String, String> labels) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public Cluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return client;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The same cluster, every request sending {@code Impersonate-User: user}: the API server then allows exactly
     * what that user may do, whatever this connection's own credentials allow.
     *
     * @param user e.g. {@code system:serviceaccount:team-a:deployer}
     */
    public ClusterConnection impersonating(String user) {
        Objects.requireNonNull(user, "user");
        return impersonated.computeIfAbsent(user, name -> {
            KubernetesClient asUser = new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder(client.getConfiguration()).withImpersonateUsername(name)
                            .withImpersonateGroups().build())
                    .build();
            return new ClusterConnection(Cluster.of(asUser), asUser, labels);
        });
    }

    /** Closes the impersonating clients this connection made; its own client belongs to whoever gave it. */
    public void closeImpersonated() {
        List.copyOf(impersonated.keySet()).forEach(user -> {
            ClusterConnection connection = impersonated.remove(user);
            if (connection != null) {
                connection.client.close();
            }
        });
    }
}
