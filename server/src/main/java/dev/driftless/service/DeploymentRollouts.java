package dev.driftless.service;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the Deployment controller on a cluster that has none (the sandbox's mock API server, the benchmark's
 * clusters): every Deployment added or changed is reported with all its replicas updated and available, so
 * applications can become Healthy. Never used against a real cluster.
 */
public final class DeploymentRollouts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRollouts.class);

    private final KubernetesClient client;
    private final String clusterName;
    private final ExecutorService statusWriter = Executors.newVirtualThreadPerTaskExecutor();
    private final Watch watch;

    private DeploymentRollouts(KubernetesClient client, String clusterName) {
        this.client = client;
        this.clusterName = clusterName;
        this.watch = client.apps().deployments().inAnyNamespace().watch(new Controller());
    }

    /** Starts reporting rollouts on the cluster {@code client} talks to; {@code clusterName} is for log lines. */
    public static DeploymentRollouts start(KubernetesClient client, String clusterName) {
        return new DeploymentRollouts(client, clusterName);
    }

    @Override
    public void close() {
        watch.close();
        statusWriter.shutdownNow();
    }

    private static DeploymentStatus rolledOut(Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        int replicas = wanted == null ? 1 : wanted;
        return new DeploymentStatusBuilder()
                .withObservedGeneration(generation == null ? 0 : generation)
                .withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .build();
    }

    private final class Controller implements Watcher<Deployment> {

        @Override
        public void eventReceived(Action action, Deployment deployment) {
            if (action == Action.ADDED || action == Action.MODIFIED) {
                DeploymentStatus rolledOut = rolledOut(deployment);
                if (!rolledOut.equals(deployment.getStatus())) {
                    statusWriter.execute(() -> writeStatus(deployment, rolledOut));
                }
            }
        }

        private void writeStatus(Deployment deployment, DeploymentStatus status) {
            String namespace = deployment.getMetadata().getNamespace();
            try {
                Deployment current = client.apps().deployments().inNamespace(namespace)
                        .withName(deployment.getMetadata().getName()).get();
                if (current != null) {
                    current.setStatus(status);
                    client.apps().deployments().inNamespace(namespace).resource(current).updateStatus();
                }
            } catch (RuntimeException e) {
                LOG.debug("{}: cannot write the status of Deployment {}/{}: {}", clusterName, namespace,
                        deployment.getMetadata().getName(), e.getMessage());
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            LOG.warn("{}: the Deployment watch closed: {}", clusterName, cause.getMessage());
        }
    }
}
