package dev.driftless.service;

import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.reconcile.ClusterConnection;
import dev.driftless.engine.reconcile.ClusterProvider;
import dev.driftless.store.StoredCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters applications can deploy to, from configuration, the store and the sandbox, each with the client it
 * owns. Connecting reads the kubeconfig only; the cluster is first contacted when an application reconciles.
 */
final class ClusterRegistry implements ClusterProvider, AutoCloseable {

    /** @param reachability empty for a client someone else owns, which the service cannot watch */
    private record Entry(ClusterConnection connection, ClusterView view, boolean ownsClient,
                         Optional<ClusterReachability> reachability) {

        ClusterView current() {
            return reachability.map(watched -> watched.applyTo(view)).orElse(view);
        }
    }

    private final Map<String, Entry> clusters = new ConcurrentHashMap<>();

    @Override
    public Optional<ClusterConnection> find(String name) {
        return Optional.ofNullable(clusters.get(name)).map(Entry::connection);
    }

    boolean contains(String name) {
        return clusters.containsKey(name);
    }

    Optional<ClusterView> view(String name) {
        return Optional.ofNullable(clusters.get(name)).map(Entry::current);
    }

    /** With what the last request to each API server found; without the number of applications. */
    List<ClusterView> views() {
        return clusters.values().stream().map(Entry::current).sorted(Comparator.comparing(ClusterView::name)).toList();
    }

    /**
     * Adds a cluster whose client someone else owns and closes, such as the sandbox's: its view is shown as it is
     * given.
     */
    void addShared(ClusterView view, KubernetesClient client) {
        replace(view.name(), new Entry(new ClusterConnection(Cluster.of(client), client, view.labels()), view, false,
                Optional.empty()));
    }

    /** @throws ServiceException.Invalid when the kubeconfig cannot be read or has no such context */
    void addDeclared(ClusterSpec spec) {
        String text;
        try {
            text = Files.readString(spec.kubeconfig());
        } catch (IOException e) {
            throw new ServiceException.Invalid("cluster " + spec.name() + ": cannot read kubeconfig "
                    + spec.kubeconfig() + ": " + e.getClass().getSimpleName());
        }
        add(spec.name(), text, spec.context(), spec.kubeconfig().toString(), spec.labels(), Origin.CONFIG);
    }

    /** @throws ServiceException.Invalid when the kubeconfig cannot be parsed or has no such context */
    void addStored(StoredCluster stored) {
        add(stored.name(), stored.kubeconfig(), stored.context(), null, stored.labels(), Origin.API);
    }

    /** Checks that a kubeconfig can be used, without keeping a client. */
    static void validate(StoredCluster stored) {
        config(stored.name(), stored.kubeconfig(), stored.context(), null);
    }

    private void add(String name, String kubeconfig, String context, String file, Map<String, String> labels,
                     Origin origin) {
        Config config = config(name, kubeconfig, context, file);
        ClusterReachability reachability = new ClusterReachability();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(ClusterReachability.NAME, reachability))
                .build();
        ClusterView view = new ClusterView(name, config.getMasterUrl(), labels, false, origin);
        replace(name, new Entry(new ClusterConnection(Cluster.of(client), client, labels), view, true,
                Optional.of(reachability)));
    }

    /**
     * fabric8 may quote the kubeconfig's content in a parse error, and that content holds credentials: only the
     * kind of error is reported.
     */
    private static Config config(String name, String kubeconfig, String context, String file) {
        Config config;
        try {
            config = Config.fromKubeconfig(context, kubeconfig, file);
        } catch (RuntimeException e) {
            throw new ServiceException.Invalid("cluster " + name + ": the kubeconfig cannot be parsed ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new ServiceException.Invalid("cluster " + name + ": the kubeconfig has no context named " + context);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new ServiceException.Invalid("cluster " + name + ": the kubeconfig names no server");
        }
        return config;
    }

    /** Forgets every cluster of this origin, closing their clients. */
    void removeAll(Origin origin) {
        List.copyOf(clusters.values()).stream().filter(entry -> entry.view().origin() == origin)
                .forEach(entry -> remove(entry.view().name()));
    }

    /** @return whether there was such a cluster */
    boolean remove(String name) {
        Entry removed = clusters.remove(name);
        if (removed != null) {
            closeClient(removed);
        }
        return removed != null;
    }

    private void replace(String name, Entry entry) {
        Entry previous = clusters.put(name, entry);
        if (previous != null) {
            closeClient(previous);
        }
    }

    /** The clients impersonating service accounts are always this registry's; the cluster's own may be shared. */
    private static void closeClient(Entry entry) {
        entry.connection().closeImpersonated();
        if (entry.ownsClient()) {
            entry.connection().client().close();
        }
    }

    @Override
    public void close() {
        List.copyOf(clusters.keySet()).forEach(this::remove);
    }
}
