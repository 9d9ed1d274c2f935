package dev.driftless.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's mock API server in CRUD mode, over plain HTTP, with a client and a log of the requests it received.
 *
 * <p>The mock stores, lists, watches, updates and JSON-merge-patches objects; it has no controllers, so tests
 * play them with {@link #writeStatus}.
 */
public final class ClusterMock implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private int requestsTaken;

    private ClusterMock() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    public static ClusterMock start() {
        return new ClusterMock();
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server's base URL, e.g. for a kubeconfig. */
    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** A kubeconfig whose only context, {@code mock}, points at this server. */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s"}
                users:
                - name: tester
                  user: {token: not-a-real-token}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: default}
                - name: elsewhere
                  context: {cluster: nowhere, user: tester}
                current-context: elsewhere
                """.formatted(url());
    }

    /** Every request received since the previous call. */
    public List<RecordedRequest> takeRequests() {
        List<RecordedRequest> taken = new ArrayList<>();
        try {
            while (requestsTaken < server.getRequestCount()) {
                taken.add(server.takeRequest());
                requestsTaken++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the request log", e);
        }
        return taken;
    }

    /** The requests since the previous call that could change something: every method but GET. */
    public List<String> takeWrites() {
        return takeRequests().stream()
                .filter(request -> !"GET".equals(request.getMethod()))
                .map(request -> request.getMethod() + " " + request.getPath())
                .toList();
    }

    /** Plays a controller: sets the status of a stored object. */
    public void writeStatus(ResourceDefinitionContext type, String namespace, String name, JsonNode status) {
        var resources = client.genericKubernetesResources(type).inNamespace(namespace);
        GenericKubernetesResource current = resources.withName(name).get();
        current.setAdditionalProperty("status", Documents.JSON.convertValue(status, Map.class));
        resources.resource(current).updateStatus();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
