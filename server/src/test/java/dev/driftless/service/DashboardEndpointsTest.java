package dev.driftless.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.DriftlessClient;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.StoredCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's endpoints over a whole service, a real Git server and the CRUD mock as the cluster: the resource
 * tree from owner references, manifests, unified diffs, the stream and events, and that a Secret's value never
 * appears in any of their answers.
 */
class DashboardEndpointsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_VALUE = "hunter2-secret-value-7f3a";
    private static final String ENCODED_SECRET = Base64.getEncoder().encodeToString(
            SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
    private static final String NAMESPACE = "shop";

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private ClusterMock mock;
    private GitServers servers;
    private DriftlessServer server;
    private String token;

    @BeforeEach
    void start() throws IOException {
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        GitTestRepo repo = servers.createRepo("config");
        repo.commit("web with a secret")
                .write("app/web.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: 1
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec: {containers: [{name: web, image: "nginx:1.27"}]}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {mode: v1}
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: credentials}
                        stringData: {password: %s}
                        """.formatted(SECRET_VALUE))
                .create();
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withPort(0).withSandbox(false).withLocalRepositoriesAllowed(true));
        token = DriftlessClient.signIn(server.url(), "admin", server.initialAdminPassword().orElseThrow()).token();
        server.service().addCluster(new StoredCluster("local", mock.kubeconfig(), "mock", Map.of()), "user:test");
        server.service().create(new ApplicationSpec("web", null, Map.of(),
                new SourceSpec(servers.httpUrl(repo), "main", "app", null), new DestinationSpec("local", NAMESPACE),
                new SyncPolicy(false, true, false, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of()), "user:test");
    }

    @AfterEach
    void stop() {
        server.close();
        servers.close();
        mock.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Documents.JSON.readTree(response.body());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private void syncAndAddOwnedObjects() throws Exception {
        await("compared", () -> server.service().application("web").flatMap(ApplicationView::status)
                .filter(status -> status.sync() == ApplicationStatus.Sync.OUT_OF_SYNC).isPresent());
        server.service().sync("web", SyncRequest.by("ignored"), "user:test").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // The mock runs no controllers: make the ReplicaSet and Pod a Deployment controller would.
        Deployment deployment = mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
        var replicaSet = mock.client().apps().replicaSets().inNamespace(NAMESPACE).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web-5d8f").withNamespace(NAMESPACE)
                .withOwnerReferences(owner("apps/v1", "Deployment", "web", deployment.getMetadata().getUid()))
                .endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
        mock.client().pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName("web-5d8f-x7k2").withNamespace(NAMESPACE)
                .withOwnerReferences(owner("apps/v1", "ReplicaSet", "web-5d8f", replicaSet.getMetadata().getUid()))
                .endMetadata().build()).create();
        mock.client().pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName("unrelated").withNamespace(NAMESPACE).endMetadata().build()).create();
    }

    private static OwnerReference owner(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).build();
    }

    @Test
    void theTreeShowsTheApplicationsObjectsAndWhatTheyOwn() throws Exception {
        syncAndAddOwnedObjects();

        HttpResponse<String> response = get("api/applications/web/tree");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> nodes = new java.util.TreeMap<>();
        json(response).path("nodes").forEach(node -> nodes.put(node.path("key").asText(), node));
        assertThat(nodes.keySet()).containsExactlyInAnyOrder("apps/Deployment:shop/web", "/ConfigMap:shop/settings",
                "/Secret:shop/credentials", "apps/ReplicaSet:shop/web-5d8f", "/Pod:shop/web-5d8f-x7k2");
        JsonNode deployment = nodes.get("apps/Deployment:shop/web");
        assertThat(deployment.path("parent").isNull()).isTrue();
        assertThat(deployment.path("managed").asBoolean()).isTrue();
        assertThat(deployment.path("sync").asText()).isEqualTo("SYNCED");
        assertThat(deployment.path("version").asText()).isEqualTo("v1");
        JsonNode pod = nodes.get("/Pod:shop/web-5d8f-x7k2");
        assertThat(pod.path("parent").asText()).isEqualTo("apps/ReplicaSet:shop/web-5d8f");
        assertThat(pod.path("managed").asBoolean()).isFalse();
        assertThat(pod.has("sync")).as("only managed objects compare with Git").isFalse();
        assertThat(nodes.get("apps/ReplicaSet:shop/web-5d8f").path("parent").asText())
                .isEqualTo("apps/Deployment:shop/web");
        assertThat(response.body()).doesNotContain(SECRET_VALUE).doesNotContain(ENCODED_SECRET);
    }

    @Test
    void manifestsOfManagedAndOwnedObjectsAreRedactedAndUnknownKeysAreNotFound() throws Exception {
        syncAndAddOwnedObjects();

        HttpResponse<String> secret = get("api/applications/web/manifest?key="
                + URLEncoder.encode("/Secret:shop/credentials", StandardCharsets.UTF_8));
        HttpResponse<String> pod = get("api/applications/web/manifest?key="
                + URLEncoder.encode("/Pod:shop/web-5d8f-x7k2", StandardCharsets.UTF_8));
        HttpResponse<String> unrelated = get("api/applications/web/manifest?key="
                + URLEncoder.encode("/Pod:shop/unrelated", StandardCharsets.UTF_8));
        HttpResponse<String> malformed = get("api/applications/web/manifest?key=web");
        HttpResponse<String> missing = get("api/applications/web/manifest");
        HttpResponse<String> ghost = get("api/applications/ghost/tree");

        assertThat(secret.statusCode()).isEqualTo(200);
        JsonNode secretManifest = json(secret);
        assertThat(secretManifest.path("live").path("kind").asText()).isEqualTo("Secret");
        assertThat(secretManifest.path("live").toString()).contains("<redacted");
        assertThat(secretManifest.path("desired").path("kind").asText()).isEqualTo("Secret");
        assertThat(secretManifest.path("desired").toString()).contains("<redacted");
        assertThat(secretManifest.path("live").path("metadata").has("managedFields")).isFalse();
        assertThat(secret.body()).doesNotContain(SECRET_VALUE).doesNotContain(ENCODED_SECRET);
        assertThat(pod.statusCode()).isEqualTo(200);
        assertThat(json(pod).path("desired").isNull()).as("no Git form of an owned object").isTrue();
        assertThat(json(pod).path("live").path("metadata").path("name").asText()).isEqualTo("web-5d8f-x7k2");
        assertThat(unrelated.statusCode()).isEqualTo(404);
        assertThat(json(unrelated).path("error").asText()).contains("/Pod:shop/unrelated");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).contains("key");
        assertThat(ghost.statusCode()).isEqualTo(404);
    }

    @Test
    void theDiffHasAUnifiedYamlDiffOfTheDriftAndNeverASecretValue() throws Exception {
        syncAndAddOwnedObjects();
        mock.client().configMaps().inNamespace(NAMESPACE).withName("settings")
                .edit(map -> new ConfigMapBuilder(map).addToData("mode", "edited-by-hand").build());
        mock.client().secrets().inNamespace(NAMESPACE).withName("credentials")
                .edit(secret -> { secret.getData().put("password", Base64.getEncoder().encodeToString(
                        "other-secret-value".getBytes(StandardCharsets.UTF_8))); return secret; });

        HttpResponse<String> response = get("api/applications/web/diff");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byKey = new java.util.TreeMap<>();
        json(response).forEach(entry -> byKey.put(entry.path("key").asText(), entry));
        JsonNode settings = byKey.get("/ConfigMap:shop/settings");
        assertThat(settings.path("state").asText()).isEqualTo("OUT_OF_SYNC");
        assertThat(settings.path("unified").asText()).contains("-  mode: edited-by-hand").contains("+  mode: v1");
        assertThat(byKey).containsKey("/Secret:shop/credentials");
        assertThat(byKey.get("apps/Deployment:shop/web").path("unified").asText()).as("in sync").isEmpty();
        assertThat(response.body()).doesNotContain(SECRET_VALUE).doesNotContain(ENCODED_SECRET)
                .doesNotContain("other-secret-value");
    }

    @Test
    void theStreamAndTheEventsCarryNoSecretValue() throws Exception {
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(server.url().resolve("api/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.body().forEach(received::add);
            } catch (RuntimeException closed) {
                received.add("<closed>");
            }
        });
        syncAndAddOwnedObjects();
        await("the sync's summary and events streamed", () -> received.stream().anyMatch(line -> line.contains("\"lastSyncResult\":\"SUCCEEDED\""))
                && received.stream().anyMatch(line -> line.contains("sync.succeeded")));
        stream.body().close();
        reader.join(TIMEOUT.toMillis());

        assertThat(String.join("\n", received)).doesNotContain(SECRET_VALUE).doesNotContain(ENCODED_SECRET);
        HttpResponse<String> events = get("api/events?limit=1000");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("sync.succeeded").doesNotContain(SECRET_VALUE).doesNotContain(ENCODED_SECRET);
    }
}
