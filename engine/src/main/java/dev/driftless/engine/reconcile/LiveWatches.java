package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ResourceType;
import dev.driftless.engine.cluster.TrackedObjects;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Watches the objects applications manage, and caches them: per cluster, one informer per kind the cluster's
 * {@link dev.driftless.engine.cluster.ResourceMapper} knows, selecting only objects that carry
 * {@link Tracking#APP_LABEL}, indexed by that label's value.
 *
 * <p>A change made directly in the cluster is seen at once rather than at the next poll, mapped to its application
 * through the label. The same informers answer {@link #trackedObjects(String)}, so a compare reads an application's
 * objects from memory instead of listing every kind. Every kind is watched, not only those some application deploys
 * now, so the objects of a kind an application no longer deploys are still found as prune candidates without a list;
 * because the label selects, only objects applications manage are cached, which is what "watch only the kinds
 * applications manage" in DESIGN.md is after. The cache holds live objects in memory only, as a list answer would.
 *
 * <p>A kind whose watch cannot start (forbidden, not served) is left to listing and tried again after
 * {@link #RETRY_FAILED}; a kind whose watch is down or not synced yet is listed too.
 */
final class LiveWatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatches.class);
    private static final String BY_APP = "by-application";
    private static final Duration RETRY_FAILED = Duration.ofMinutes(1);
    private static final Duration START_WAIT = Duration.ofSeconds(5);

    private final Consumer<String> onChange;
    private final Map<String, ClusterWatches> clusters = new ConcurrentHashMap<>();
    private boolean closed;

    /** @param onChange told the name of the application whose managed object was added, changed or deleted */
    LiveWatches(Consumer<String> onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /**
     * Starts informers for those of {@code types} the cluster is not watched for yet (and whose watch did not fail
     * within {@link #RETRY_FAILED}), then waits, at most {@link #START_WAIT}, until the informers of all
     * {@code types} have listed and are watching. Waiting means the writes of a sync that follows are seen by the
     * watches and the compares after it can read them from the cache; a kind not ready in time is listed meanwhile.
     */
    void watch(String clusterName, KubernetesClient client, Collection<ResourceType> types) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            ClusterWatches ofCluster = clusters.computeIfAbsent(clusterName, ignored -> new ClusterWatches());
            Instant now = Instant.now();
            for (ResourceType type : types) {
                Watch existing = ofCluster.byKind.get(type.groupKind());
                Instant retryAt = ofCluster.retryAt.get(type.groupKind());
                if (existing == null || !existing.type().equals(type)) {
                    if (retryAt != null && now.isBefore(retryAt)) {
                        continue;
                    }
                    if (existing != null) {
                        existing.informer().stop();
                    }
                    existing = start(clusterName, ofCluster, client, type);
                }
                if (existing != null) {
                    starts.add(existing.started());
                }
            }
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                    .get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("not every watch of cluster {} is ready yet: those kinds are listed meanwhile", clusterName);
        }
    }

    /** The cached objects of one cluster; a kind answers only while its informer has synced and is watching. */
    TrackedObjects trackedObjects(String clusterName) {
        return (app, type) -> answering(clusterName, type)
                .map(watch -> watch.informer().getIndexer().byIndex(BY_APP, app));
    }

    /**
     * Which of {@code keys} the cache does not yet show as the comparison, which read them directly from the cluster,
     * found them: with another resourceVersion, present when gone, or missing when present. Kinds the cache does not
     * answer for are never behind.
     */
    Set<ResourceKey> behind(String clusterName, String app, Comparison comparison, Set<ResourceKey> keys) {
        Set<ResourceKey> behind = new HashSet<>();
        for (ResourceKey key : keys) {
            Optional<Watch> watch = comparison.mapper().find(key.group(), key.kind())
                    .flatMap(type -> answering(clusterName, type));
            if (watch.isPresent()) {
                GenericKubernetesResource cached = watch.get().informer().getStore()
                        .getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
                if (!Objects.equals(versionOf(app, cached), versionOf(app, comparison.live().get(key)))) {
                    behind.add(key);
                }
            }
        }
        return Set.copyOf(behind);
    }

    /** Stops the informers of clusters no application uses any more. */
    synchronized void retainClusters(Collection<String> clusterNames) {
        List<String> gone = new ArrayList<>(clusters.keySet());
        gone.removeAll(clusterNames);
        gone.forEach(name -> clusters.remove(name).stopAll());
    }

    @Override
    public synchronized void close() {
        closed = true;
        clusters.values().forEach(ClusterWatches::stopAll);
        clusters.clear();
    }

    private Watch start(String clusterName, ClusterWatches ofCluster, KubernetesClient client, ResourceType type) {
        SharedIndexInformer<GenericKubernetesResource> informer;
        try {
            informer = client.genericKubernetesResources(type.context()).inAnyNamespace()
                    .withLabel(Tracking.APP_LABEL).runnableInformer(0);
        } catch (KubernetesClientException e) {
            failed(clusterName, ofCluster, type, e);
            return null;
        }
        // Before the first list succeeds, give up so the kind is listed instead; once running, ride out outages.
        informer.exceptionHandler((started, failure) -> started)
                .addIndexers(Map.of(BY_APP, LiveWatches::applicationOf))
                .addEventHandler(new Handler());
        Watch watch = new Watch(type, informer, informer.start().toCompletableFuture());
        ofCluster.byKind.put(type.groupKind(), watch);
        ofCluster.retryAt.remove(type.groupKind());
        watch.started().whenComplete((ignored, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    if (ofCluster.byKind.remove(type.groupKind(), watch)) {
                        failed(clusterName, ofCluster, type, failure);
                    }
                }
                informer.stop();
            }
        });
        return watch;
    }

    private static void failed(String clusterName, ClusterWatches ofCluster, ResourceType type, Throwable failure) {
        ofCluster.retryAt.put(type.groupKind(), Instant.now().plus(RETRY_FAILED));
        LOG.warn("cannot watch {} in cluster {}; it is listed on every compare and its drift is seen at the next poll "
                + "only: {}", type.groupKind(), clusterName, failure.getMessage());
    }

    private Optional<Watch> answering(String clusterName, ResourceType type) {
        ClusterWatches ofCluster = clusters.get(clusterName);
        Watch watch = ofCluster == null ? null : ofCluster.byKind.get(type.groupKind());
        return Optional.ofNullable(watch)
                .filter(found -> found.type().equals(type) && found.informer().hasSynced() && found.informer().isWatching());
    }

    private static List<String> applicationOf(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String application = labels == null ? null : labels.get(Tracking.APP_LABEL);
        return application == null || application.isBlank() ? List.of() : List.of(application);
    }

    private static String versionOf(String app, GenericKubernetesResource object) {
        return object != null && applicationOf(object).contains(app) ? object.getMetadata().getResourceVersion() : null;
    }

    private static String versionOf(String app, ObjectNode object) {
        return object != null && app.equals(object.path("metadata").path("labels").path(Tracking.APP_LABEL).asText(null))
                ? object.path("metadata").path("resourceVersion").asText(null) : null;
    }

    /** @param started completes once the informer has listed and is watching, or has failed to */
    private record Watch(ResourceType type, SharedIndexInformer<GenericKubernetesResource> informer,
                         CompletableFuture<Void> started) {
    }

    /** One cluster's informers by group/kind, and when to try again the kinds whose watch failed. */
    private static final class ClusterWatches {
        final Map<String, Watch> byKind = new ConcurrentHashMap<>();
        final Map<String, Instant> retryAt = new ConcurrentHashMap<>();

        void stopAll() {
            byKind.values().forEach(watch -> watch.informer().stop());
            byKind.clear();
        }
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource object) {
            notify(object);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            if (!Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
                notify(after);
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            notify(object);
        }

        private void notify(GenericKubernetesResource object) {
            applicationOf(object).forEach(onChange);
        }
    }
}
