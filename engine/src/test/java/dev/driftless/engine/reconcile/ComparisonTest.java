package dev.driftless.engine.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.Differ;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {

    @Test
    void toStringCountsButNeverPrintsLiveSecretValues() throws Exception {
        ObjectNode desired = (ObjectNode) Documents.YAML.readTree(
                "{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, data: {password: bmV3}}");
        ObjectNode live = (ObjectNode) Documents.YAML.readTree(
                "{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, data: {password: b2xkLXNlY3JldA==}}");
        Manifest manifest = Manifest.of(desired, "db.yaml#1");

        Comparison comparison = new Comparison(Optional.empty(), List.of(manifest), Map.of(ResourceKey.of(live), live),
                List.of(Differ.diff(desired, live)), ResourceMapper.builtIn());

        assertThat(comparison.inSync()).isFalse();
        assertThat(comparison.toString()).isEqualTo("Comparison[1 desired, 1 live, 1 not in sync]")
                .doesNotContain("b2xkLXNlY3JldA==").doesNotContain("bmV3");
    }
}
