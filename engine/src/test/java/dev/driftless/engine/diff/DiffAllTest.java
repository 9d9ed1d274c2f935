package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiffAllTest {

    private static Map<ResourceKey, ObjectNode> byKey(ObjectNode... objects) {
        Map<ResourceKey, ObjectNode> live = new HashMap<>();
        for (ObjectNode object : objects) {
            live.put(ResourceKey.of(object), object);
        }
        return live;
    }

    private static ObjectNode trackedConfigMap(String name, String trackingId) {
        ObjectNode object = Fixtures.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: %s, namespace: shop}, data: {k: v}}".formatted(name));
        if (trackingId != null) {
            object.withObject("/metadata/annotations").put(Tracking.TRACKING_ANNOTATION, trackingId);
        }
        return object;
    }

    @Test
    void reportsEachDesiredObjectThenTrackedLeftoversOfThisApplicationOnly() {
        List<Manifest> desired = List.of(
                Manifest.of(Fixtures.load("deployment-desired.yaml"), "apps/web.yaml#0"),
                Manifest.of(Fixtures.load("service-desired.yaml"), "apps/web.yaml#1"),
                Manifest.of(Fixtures.load("secret-desired.yaml"), "apps/secret.yaml#0"));
        ObjectNode ours = trackedConfigMap("old-config", "shop:/ConfigMap:shop/old-config");
        ObjectNode otherApp = trackedConfigMap("billing-config", "billing:/ConfigMap:shop/billing-config");
        ObjectNode untracked = trackedConfigMap("kube-root-ca.crt", null);
        ObjectNode copied = trackedConfigMap("copy-of-old-config", "shop:/ConfigMap:shop/old-config");
        Map<ResourceKey, ObjectNode> live = byKey(Fixtures.load("deployment-live.yaml"), Fixtures.load("service-live.yaml"),
                ours, otherApp, untracked, copied);

        List<ResourceDiff> diffs = Differ.diffAll("shop", desired, live);

        assertThat(diffs).extracting(diff -> diff.key().toString() + " " + diff.state()).containsExactly(
                "apps/Deployment:shop/web SYNCED",
                "/Service:shop/web SYNCED",
                "/Secret:shop/web-db MISSING",
                "/ConfigMap:shop/old-config EXTRANEOUS");
        assertThat(diffs.get(3).desired()).isNull();
        assertThat(diffs.get(3).live().path("data").path("k").asText()).isEqualTo("v");
        assertThat(diffs.get(3).live().path("metadata").has("annotations"))
                .as("an empty annotations map is left once the tracking annotation is dropped").isTrue();
    }

    @Test
    void extraneousObjectsComeOrderedByKey() {
        Map<ResourceKey, ObjectNode> live = byKey(
                trackedConfigMap("zeta", "shop:/ConfigMap:shop/zeta"),
                trackedConfigMap("alpha", "shop:/ConfigMap:shop/alpha"));

        assertThat(Differ.diffAll("shop", List.of(), live)).extracting(diff -> diff.key().name()).containsExactly("alpha", "zeta");
    }

    @Test
    void anObjectDefinedTwiceIsRefusedNamingBothOrigins() {
        List<Manifest> desired = List.of(
                Manifest.of(Fixtures.load("service-desired.yaml"), "apps/web.yaml#1"),
                Manifest.of(Fixtures.load("service-desired.yaml"), "apps/extra.yaml#0"));

        assertThatThrownBy(() -> Differ.diffAll("shop", desired, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/Service:shop/web")
                .hasMessageContaining("apps/web.yaml#1")
                .hasMessageContaining("apps/extra.yaml#0");
    }
}
