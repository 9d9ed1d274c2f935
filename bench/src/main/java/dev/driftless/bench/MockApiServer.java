package dev.driftless.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's in-memory API server in CRUD mode, over plain HTTP, with a client and the log of requests it received.
 * The same setup as the engine's test {@code ClusterMock}, which is not on this module's classpath.
 */
final class MockApiServer implements AutoCloseable {

    /**
     * The mock logs every request at INFO in the benchmark's own process, which would be timed as part of each read.
     * Held in a field because java.util.logging keeps its loggers weakly and would forget the level.
     */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private int requestsTaken;

    MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    KubernetesClient client() {
        return client;
    }

    /** Every request received since the previous call, as {@code METHOD path}. */
    List<String> takeRequests() {
        List<String> taken = new ArrayList<>();
        try {
            while (requestsTaken < server.getRequestCount()) {
                RecordedRequest request = server.takeRequest();
                taken.add(request.getMethod() + " " + request.getPath());
                requestsTaken++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the request log", e);
        }
        return taken;
    }

    static boolean isWrite(String request) {
        return !request.startsWith("GET ");
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
