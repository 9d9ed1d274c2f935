package dev.driftless.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sandbox-style cluster: fabric8's CRUD mock API server in this process, with the Deployment controller played
 * by the benchmark (every Deployment is reported rolled out), so applications can become Healthy.
 */
final class ServiceCluster implements AutoCloseable {

    /**
     * The mock logs every request at INFO, in the same process as the service being measured.
     * Held in a field because java.util.logging keeps its loggers weakly and would forget the level.
     */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final String name;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ExecutorService statusWriter = Executors.newVirtualThreadPerTaskExecutor();
    private final Watch deploymentWatch;

    ServiceCluster(String name) {
        this.name = name;
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
        deploymentWatch = client.apps().deployments().inAnyNamespace().watch(new DeploymentController());
    }

    String name() {
        return name;
    }

    KubernetesClient client() {
        return client;
    }

    /** Requests the API server has received so far, the benchmark's own included. */
    int requestCount() {
        return server.getRequestCount();
    }

    /** A kubeconfig whose only context, {@code bench}, points at this server. */
    String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster: {server: "%2$s"}
                users:
                - name: bench
                  user: {token: not-a-real-token}
                contexts:
                - name: bench
                  context: {cluster: %1$s, user: bench}
                current-context: bench
                """.formatted(name, server.url("/").replaceAll("/$", ""));
    }

    /** Reports every replica of a Deployment updated and available, as a Deployment controller would. */
    private final class DeploymentController implements Watcher<Deployment> {

        @Override
        public void eventReceived(Action action, Deployment deployment) {
            if (action == Action.ADDED || action == Action.MODIFIED) {
                DeploymentStatus rolledOut = rolledOut(deployment);
                if (!rolledOut.equals(deployment.getStatus())) {
                    statusWriter.execute(() -> writeStatus(deployment, rolledOut));
                }
            }
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
                System.err.println("bench: cannot write the status of Deployment " + namespace + "/"
                        + deployment.getMetadata().getName() + " on " + name + ": " + e.getMessage());
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            System.err.println("bench: the Deployment watch on " + name + " closed: " + cause.getMessage());
        }
    }

    @Override
    public void close() {
        deploymentWatch.close();
        statusWriter.shutdownNow();
        client.close();
        server.destroy();
    }
}
