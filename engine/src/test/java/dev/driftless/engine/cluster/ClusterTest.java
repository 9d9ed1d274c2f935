package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.LastApplied;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.sync.TrackingMarks;
import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterTest {

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final ResourceMapper mapper = cluster.discover();

    @AfterEach
    void stop() {
        cluster.close();
        mock.close();
    }

    private static Manifest configMap(String app, String name, String namespace, String data) {
        return TrackingMarks.mark(app, manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: %s}
                data: %s
                """.formatted(name, namespace, data)));
    }

    private JsonNode live(ResourceKey key) {
        return cluster.get(mapper.resolve(key), key).orElseThrow();
    }

    @Test
    void connectsWithAKubeconfigAndTheNamedContext(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), mock.kubeconfig());
        mock.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("shop").endMetadata().build()).create();

        try (Cluster connected = Cluster.connect(kubeconfig, "mock")) {
            assertThat(connected.url()).startsWith(mock.url());
            assertThat(connected.ensureNamespace("shop")).as("reads the mock's namespaces").isFalse();
        }
    }

    @Test
    void kubeconfigErrorsNameTheFileAndContext(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), mock.kubeconfig());
        assertThatThrownBy(() -> Cluster.connect(kubeconfig, "staging"))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining(kubeconfig.toString())
                .hasMessageContaining("no context named staging");
        Path missing = dir.resolve("absent");
        assertThatThrownBy(() -> Cluster.connect(missing, null))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot read kubeconfig " + missing + ": no such file");
    }

    @Test
    void discoveryThatListsNothingFallsBackToTheBuiltInTable() {
        assertThat(mapper.find("apps", "Deployment")).isPresent();
        assertThat(mapper.types()).hasSameSizeAs(ResourceMapper.builtIn().types());
    }

    @Test
    void aCreateForAnObjectSeenMissingThatAppearedMeanwhileBecomesAPatch() {
        Manifest before = configMap("shop", "settings", "shop", "{mode: fast}");
        assertThat(cluster.apply(before, mapper, ApplyMode.CLIENT_SIDE).outcome()).isEqualTo(ApplyOutcome.CREATED);
        Manifest desired = configMap("shop", "settings", "shop", "{mode: safe}");

        assertThat(cluster.apply(desired, mapper, ApplyMode.CLIENT_SIDE, true).outcome()).isEqualTo(ApplyOutcome.CONFIGURED);

        assertThat(live(desired.key()).at("/data/mode").asText()).isEqualTo("safe");
    }

    @Test
    void everyApplyGivesBackTheObjectAsTheServerStoredIt() {
        Manifest first = configMap("shop", "settings", "shop", "{mode: fast}");
        ApplyResult created = cluster.apply(first, mapper, ApplyMode.CLIENT_SIDE);
        assertThat(created.live()).as("the create's answer").contains((ObjectNode) live(first.key()));

        Manifest second = configMap("shop", "settings", "shop", "{mode: safe}");
        ApplyResult patched = cluster.apply(second, mapper, ApplyMode.CLIENT_SIDE);
        assertThat(patched.outcome()).isEqualTo(ApplyOutcome.CONFIGURED);
        assertThat(patched.live()).as("the patch's answer").contains((ObjectNode) live(second.key()));
        assertThat(patched.live().orElseThrow().at("/data/mode").asText()).isEqualTo("safe");

        ApplyResult unchanged = cluster.apply(second, mapper, ApplyMode.CLIENT_SIDE);
        assertThat(unchanged.outcome()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(unchanged.live()).as("the object read to find nothing differs").isEqualTo(patched.live());
    }

    @Test
    void anApplyResultNeverShowsTheObjectInItsText() {
        Manifest secret = manifest("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                  namespace: shop
                stringData: {token: hunter2-value}
                """);

        ApplyResult result = cluster.apply(secret, mapper, ApplyMode.CLIENT_SIDE);

        assertThat(result.live()).isPresent();
        assertThat(result.toString()).isEqualTo("ApplyResult[outcome=CREATED, live=<object>]");
    }

    @Test
    void aCreateForAnObjectSeenMissingSkipsTheRead() {
        Manifest desired = configMap("shop", "settings", "shop", "{mode: safe}");
        mock.takeRequests();

        assertThat(cluster.apply(desired, mapper, ApplyMode.CLIENT_SIDE, true).outcome()).isEqualTo(ApplyOutcome.CREATED);

        assertThat(mock.takeRequests()).extracting(RecordedRequest::getMethod).containsExactly("POST");
    }

    @Test
    void autoModeCreatesThenDetectsTheMissingServerSideApplyAndMergePatches() {
        Manifest first = configMap("shop", "settings", "shop", "{mode: fast, legacy: 'yes'}");
        assertThat(cluster.apply(first, mapper, ApplyMode.AUTO).outcome()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(cluster.detectedApplyMode())
                .as("a 404 to a creating apply, then a create in the same namespace that works: no apply here")
                .contains(ApplyMode.CLIENT_SIDE);

        Manifest second = configMap("shop", "settings", "shop", "{mode: safe}");
        assertThat(cluster.apply(second, mapper, ApplyMode.AUTO).outcome()).isEqualTo(ApplyOutcome.CONFIGURED);
        assertThat(cluster.detectedApplyMode()).contains(ApplyMode.CLIENT_SIDE);

        JsonNode live = live(second.key());
        assertThat(live.at("/data/mode").asText()).isEqualTo("safe");
        assertThat(live.at("/data/legacy").isMissingNode()).as("removed from Git, so removed live").isTrue();
        assertThat(LastApplied.read(live)).map(record -> record.at("/data")).contains(Documents.JSON.createObjectNode().put("mode", "safe"));

        mock.takeRequests();
        assertThat(cluster.apply(second, mapper, ApplyMode.AUTO).outcome()).isEqualTo(ApplyOutcome.UNCHANGED);
        assertThat(mock.takeWrites()).as("once detected, no more apply attempts; nothing differs").isEmpty();
    }

    @Test
    void serverSideModeReportsTheServersRefusalWithTheObject() {
        Manifest settings = configMap("shop", "settings", "shop", "{mode: fast}");
        cluster.apply(settings, mapper, ApplyMode.CLIENT_SIDE);

        assertThatThrownBy(() -> cluster.apply(settings, mapper, ApplyMode.SERVER_SIDE))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("/ConfigMap:shop/settings")
                .hasMessageContaining("test.yaml#settings")
                .hasMessageContaining("Unsupported Media Type")
                .extracting(e -> ((ClusterException) e).code()).isEqualTo(415);
    }

    @Test
    void appliedSecretsKeepTheirValuesOutOfTheLastAppliedRecord() {
        Manifest secret = TrackingMarks.mark("shop", manifest("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db, namespace: shop}
                stringData: {password: hunter2-s3cret}
                """));
        cluster.apply(secret, mapper, ApplyMode.AUTO);

        String record = live(secret.key()).at("/metadata/annotations").path(Tracking.LAST_APPLIED_ANNOTATION).asText();
        assertThat(record).contains("password").doesNotContain("hunter2-s3cret");
    }

    @Test
    void liveStateHoldsDesiredObjectsAndOnlyTheObjectsTrackedForThisApplication() {
        Manifest desired = configMap("shop", "settings", "shop", "{mode: fast}");
        Manifest tracked = configMap("shop", "old", "shop", "{mode: slow}");
        Manifest otherApp = configMap("billing", "theirs", "shop", "{mode: slow}");
        for (Manifest manifest : List.of(desired, tracked, otherApp)) {
            cluster.apply(manifest, mapper, ApplyMode.CLIENT_SIDE);
        }
        ObjectNode untracked = Documents.JSON.valueToTree(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "handmade", "namespace", "shop", "labels", Map.of(Tracking.APP_LABEL, "shop"))));
        cluster.apply(manifest(untracked.toString()), mapper, ApplyMode.CLIENT_SIDE);
        // A copy of a tracked object into another namespace keeps the annotation, which names the original.
        ObjectNode copy = tracked.body().deepCopy();
        copy.withObjectProperty("metadata").put("namespace", "elsewhere");
        cluster.apply(manifest(copy.toString()), mapper, ApplyMode.CLIENT_SIDE);

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(desired), mapper);

        assertThat(live).containsOnlyKeys(desired.key(), tracked.key());
        assertThat(live.get(tracked.key()).at("/data/mode").asText()).isEqualTo("slow");
    }

    @Test
    void liveStateReadsTrackedObjectsFromListsAndOnlyUntrackedDesiredObjectsOneByOne() {
        Manifest applied = configMap("shop", "applied", "shop", "{mode: fast}");
        cluster.apply(applied, mapper, ApplyMode.CLIENT_SIDE);
        mock.client().configMaps().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("handmade").withNamespace("shop").endMetadata()
                .addToData("mode", "manual").build()).create();
        Manifest adopted = configMap("shop", "handmade", "shop", "{mode: fast}");
        mock.takeRequests();

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(applied, adopted), mapper);

        assertThat(live).containsOnlyKeys(applied.key(), adopted.key());
        assertThat(live.get(adopted.key()).at("/data/mode").asText()).isEqualTo("manual");
        List<String> reads = mock.takeRequests().stream()
                .map(request -> request.getPath()).filter(path -> !path.contains("labelSelector")).toList();
        assertThat(reads).containsExactly("/api/v1/namespaces/shop/configmaps/handmade");
    }

    @Test
    void pruneDeletesOnlyAnObjectCarryingThisApplicationsTrackingAnnotation() {
        Manifest ours = configMap("shop", "old", "shop", "{mode: slow}");
        Manifest theirs = configMap("billing", "old", "billing", "{mode: slow}");
        cluster.apply(ours, mapper, ApplyMode.CLIENT_SIDE);
        cluster.apply(theirs, mapper, ApplyMode.CLIENT_SIDE);

        assertThatThrownBy(() -> cluster.prune("shop", theirs.key(), mapper))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("refusing to delete /ConfigMap:billing/old");
        assertThat(cluster.prune("shop", ours.key(), mapper)).isTrue();
        assertThat(cluster.prune("shop", ours.key(), mapper)).as("already gone").isFalse();

        assertThat(cluster.get(mapper.resolve(ours.key()), ours.key())).isEmpty();
        assertThat(cluster.get(mapper.resolve(theirs.key()), theirs.key())).isPresent();
        assertThat(mock.takeRequests()).filteredOn(request -> request.getMethod().equals("DELETE"))
                .singleElement()
                .satisfies(request -> assertThat(request.getUtf8Body()).contains("Background"));
    }

    @Test
    void testsPlayTheControllerByWritingStatus() throws Exception {
        Manifest deployment = TrackingMarks.mark("shop", manifest("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec: {replicas: 2}
                """));
        cluster.apply(deployment, mapper, ApplyMode.CLIENT_SIDE);

        mock.writeStatus(mapper.resolve(deployment).context(), "shop", "web",
                Documents.YAML.readTree("{readyReplicas: 2, observedGeneration: 1}"));

        JsonNode live = live(deployment.key());
        assertThat(live.at("/status/readyReplicas").asInt()).isEqualTo(2);
        assertThat(live.at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void ensureNamespaceCreatesOnceWithoutTrackingMarks() {
        assertThat(cluster.ensureNamespace("shop")).isTrue();
        mock.takeRequests();
        assertThat(cluster.ensureNamespace("shop")).isFalse();
        assertThat(mock.takeWrites()).isEmpty();

        JsonNode namespace = live(new ResourceKey("", "Namespace", "", "shop"));
        assertThat(namespace.at("/metadata/annotations").path(Tracking.TRACKING_ANNOTATION).isMissingNode()).isTrue();
    }
}
