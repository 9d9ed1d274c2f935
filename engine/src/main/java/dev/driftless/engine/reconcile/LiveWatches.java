package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.ResourceType;
import dev.driftless.engine.model.Tracking;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches the objects applications manage: per cluster, one informer per kind that some application deploys,
 * selecting only objects that carry {@link Tracking#APP_LABEL}, so a change made directly in the cluster is seen at
 * once rather than at the next poll. Each event is mapped to its application through that label.
 */
final class LiveWatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatches.class);

    private final Consumer<String> onChange;
    private final Map<String, Map<String, SharedIndexInformer<GenericKubernetesResource>>> informers = new HashMap<>();
    private boolean closed;

    /** @param onChange told the name of the application whose managed object was added, changed or deleted */
    LiveWatches(Consumer<String> onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /** Starts informers for those of {@code types} the cluster is not watched for yet. */
    synchronized void watch(String clusterName, KubernetesClient client, Collection<ResourceType> types) {
        if (closed) {
            return;
        }
        Map<String, SharedIndexInformer<GenericKubernetesResource>> ofCluster =
                informers.computeIfAbsent(clusterName, ignored -> new HashMap<>());
        for (ResourceType type : types) {
            if (ofCluster.containsKey(type.groupKind())) {
                continue;
            }
            try {
                ofCluster.put(type.groupKind(), client.genericKubernetesResources(type.context()).inAnyNamespace()
                        .withLabel(Tracking.APP_LABEL).inform(new Handler()));
            } catch (KubernetesClientException e) {
                LOG.warn("cannot watch {} in cluster {}; its drift is seen at the next poll only: {}",
                        type.groupKind(), clusterName, e.getMessage());
            }
        }
    }

    /** Stops the informers of clusters no application uses any more. */
    synchronized void retainClusters(Collection<String> clusterNames) {
        List<String> gone = new ArrayList<>(informers.keySet());
        gone.removeAll(clusterNames);
        gone.forEach(name -> informers.remove(name).values().forEach(SharedIndexInformer::stop));
    }

    @Override
    public synchronized void close() {
        closed = true;
        informers.values().forEach(ofCluster -> ofCluster.values().forEach(SharedIndexInformer::stop));
        informers.clear();
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
            Map<String, String> labels = object.getMetadata().getLabels();
            String application = labels == null ? null : labels.get(Tracking.APP_LABEL);
            if (application != null && !application.isBlank()) {
                onChange.accept(application);
            }
        }
    }
}
