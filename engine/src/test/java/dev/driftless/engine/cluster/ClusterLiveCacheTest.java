package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.sync.TrackingMarks;
import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Cluster#liveState} reading from a cache of watched objects, which may lag behind the cluster. */
class ClusterLiveCacheTest {

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final ResourceMapper mapper = cluster.discover();
    private final List<GenericKubernetesResource> cachedConfigMaps = new ArrayList<>();
    /** Answers for ConfigMaps only, with whatever the test put there; every other kind is listed. */
    private final TrackedObjects cache = (app, type) -> type.kind().equals("ConfigMap")
            ? Optional.of(List.copyOf(cachedConfigMaps)) : Optional.empty();

    @AfterEach
    void stop() {
        cluster.close();
        mock.close();
    }

    private static Manifest configMap(String app, String name, String mode) {
        return TrackingMarks.mark(app, manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: shop}
                data: {mode: %s}
                """.formatted(name, mode)));
    }

    private Manifest applied(Manifest manifest) {
        cluster.apply(manifest, mapper, ApplyMode.CLIENT_SIDE);
        return manifest;
    }

    /** What the cache holds of an object now, without apiVersion and kind, as list items may come. */
    private void cache(Manifest manifest) {
        GenericKubernetesResource live = mock.client().genericKubernetesResources("v1", "ConfigMap")
                .inNamespace("shop").withName(manifest.key().name()).get();
        live.setApiVersion(null);
        live.setKind(null);
        cachedConfigMaps.add(live);
    }

    private static boolean isList(RecordedRequest request) {
        return request.getPath().contains("labelSelector");
    }

    private static String mode(Map<ResourceKey, ObjectNode> live, Manifest manifest) {
        return live.get(manifest.key()).at("/data/mode").asText();
    }

    @Test
    void cachedKindsAreTakenFromTheCacheInTheShapeAListGivesAndTheOtherKindsAreListed() {
        Manifest settings = applied(configMap("shop", "settings", "fast"));
        Manifest old = applied(configMap("shop", "old", "slow"));
        cache(settings);
        cache(old);
        applied(configMap("shop", "settings", "changed-after-the-cache-saw-it"));
        mock.takeRequests();

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(settings), mapper, cache, Set.of());

        assertThat(live).containsOnlyKeys(settings.key(), old.key());
        assertThat(mode(live, settings)).as("the cached copy, so nothing was read").isEqualTo("fast");
        assertThat(live.get(old.key()).path("apiVersion").asText()).isEqualTo("v1");
        assertThat(live.get(old.key()).path("kind").asText()).isEqualTo("ConfigMap");
        List<RecordedRequest> requests = mock.takeRequests();
        assertThat(requests).allMatch(ClusterLiveCacheTest::isList)
                .noneMatch(request -> request.getPath().contains("/configmaps"))
                .hasSize(mapper.types().size() - 1);
    }

    @Test
    void theTrackingAnnotationIsCheckedOnCachedObjectsAsOnListedOnes() {
        Manifest ours = applied(configMap("shop", "ours", "fast"));
        Manifest theirs = applied(configMap("billing", "theirs", "fast"));
        cache(ours);
        cache(theirs);

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(), mapper, cache, Set.of());

        assertThat(live).containsOnlyKeys(ours.key());
    }

    @Test
    void objectsToReadDirectlyAndDesiredObjectsTheCacheLacksAreReadFromTheCluster() {
        Manifest written = applied(configMap("shop", "written", "v1"));
        Manifest pruned = applied(configMap("shop", "pruned", "v1"));
        cache(written);
        cache(pruned);
        applied(configMap("shop", "written", "v2"));
        assertThat(cluster.prune("shop", pruned.key(), mapper)).isTrue();
        Manifest created = applied(configMap("shop", "created", "v1"));
        mock.takeRequests();

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(written, created), mapper, cache,
                Set.of(written.key(), pruned.key()));

        assertThat(live).containsOnlyKeys(written.key(), created.key());
        assertThat(mode(live, written)).isEqualTo("v2");
        assertThat(mock.takeRequests()).filteredOn(request -> !isList(request))
                .extracting(RecordedRequest::getPath)
                .containsExactlyInAnyOrder("/api/v1/namespaces/shop/configmaps/written",
                        "/api/v1/namespaces/shop/configmaps/pruned", "/api/v1/namespaces/shop/configmaps/created");
    }

    @Test
    void anObjectReadDirectlyThatLostTheApplicationsLabelIsNoPruneCandidate() {
        Manifest relabelled = applied(configMap("shop", "relabelled", "v1"));
        cache(relabelled);
        mock.client().configMaps().inNamespace("shop").withName("relabelled").edit(map -> {
            map.getMetadata().getLabels().clear();
            return map;
        });

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(), mapper, cache,
                Set.of(relabelled.key()));

        assertThat(live).as("a labelled list would not find it either").isEmpty();
    }

    @Test
    void withoutACacheEveryKindIsListedAsBefore() {
        Manifest settings = applied(configMap("shop", "settings", "fast"));
        mock.takeRequests();

        Map<ResourceKey, ObjectNode> live = cluster.liveState("shop", List.of(settings), mapper);

        assertThat(live).containsOnlyKeys(settings.key());
        assertThat(mock.takeRequests()).allMatch(ClusterLiveCacheTest::isList).hasSize(mapper.types().size());
    }
}
