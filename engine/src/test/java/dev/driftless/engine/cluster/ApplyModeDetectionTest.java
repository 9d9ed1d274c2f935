package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.sync.TrackingMarks;
import dev.driftless.engine.testing.ClusterUnderTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs against a real cluster when {@code DRIFTLESS_TEST_KUBECONFIG} is set, else against the CRUD mock. */
class ApplyModeDetectionTest {

    private final ClusterUnderTest target = ClusterUnderTest.open();
    private final Cluster cluster = target.cluster();
    private final String name = "driftless-test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        if (target.real()) {
            target.cluster().prune("test", configMap("{}").key(), cluster.discover());
        }
        target.close();
    }

    private Manifest configMap(String data) {
        return TrackingMarks.mark("test", manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: default}
                data: %s
                """.formatted(name, data)));
    }

    @Test
    void autoModeUsesServerSideApplyWhereServedAndTheMergePatchElse() {
        ResourceMapper mapper = cluster.discover();
        Manifest first = configMap("{mode: fast, legacy: 'yes'}");
        Manifest second = configMap("{mode: safe}");

        assertThat(cluster.apply(first, mapper, ApplyMode.AUTO).outcome()).isEqualTo(ApplyOutcome.CREATED);
        assertThat(cluster.apply(second, mapper, ApplyMode.AUTO).outcome()).isEqualTo(ApplyOutcome.CONFIGURED);

        assertThat(cluster.detectedApplyMode()).contains(target.real() ? ApplyMode.SERVER_SIDE : ApplyMode.CLIENT_SIDE);
        JsonNode live = cluster.get(mapper.resolve(second.key()), second.key()).orElseThrow();
        assertThat(live.at("/data/mode").asText()).isEqualTo("safe");
        assertThat(live.at("/data/legacy").isMissingNode()).as("removed from Git, so removed live").isTrue();
        if (target.real()) {
            assertThat(mapper.types().size()).as("real discovery adds kinds").isGreaterThan(ResourceMapper.builtIn().types().size());
        }
    }
}
