package dev.driftless.bench;

import dev.driftless.service.DeploymentRollouts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;
import java.util.List;
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
    private final DeploymentRollouts rollouts;

    ServiceCluster(String name) {
        this.name = name;
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
        rollouts = DeploymentRollouts.start(client, name);
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

    @Override
    public void close() {
        rollouts.close();
        client.close();
        server.destroy();
    }
}
