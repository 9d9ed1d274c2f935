package dev.driftless.engine.health;

import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.DEGRADED;
import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static dev.driftless.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConditionsHealthTest {

    private static final String NO_RULES = "No health rules for this kind";

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("configmap.yaml", HEALTHY, NO_RULES),
                arguments("flux-kustomization-ready.yaml", HEALTHY,
                        "Applied revision: main@sha1:4f2a9c1e7b3d5a8f0c6e2b4d9a1f3c5e7b9d0a2c"),
                arguments("certificate-ready.yaml", HEALTHY, "Certificate is up to date and has not expired"),
                arguments("flux-helmrelease-install-failed.yaml", DEGRADED, "InstallFailed: Helm install failed for release "
                        + "shop/redis with chart redis@19.6.4: context deadline exceeded"),
                // Ready=Unknown while the controller works
                arguments("flux-helmrelease-progressing.yaml", PROGRESSING,
                        "Progressing: Running 'install' action with timeout of 5m0s"),
                // Ready=False, but for a reason that resolves itself once the dependency is ready
                arguments("flux-kustomization-dependency-not-ready.yaml", PROGRESSING,
                        "DependencyNotReady: dependency 'flux-system/shop-infra' is not ready"),
                arguments("stalled.yaml", DEGRADED, "ArtifactFailed: kustomization path not found: "
                        + "stat /tmp/kustomization-1342/deploy/missing: no such file or directory"),
                // Reconciling=True wins over the Ready=True left from the previous revision
                arguments("reconciling.yaml", PROGRESSING, "Progressing: building artifact: new upstream revision "
                        + "'main@sha1:9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e'"),
                // generation 3, observedGeneration 2: the Ready=True is about the old spec
                arguments("generation-not-observed.yaml", PROGRESSING, "Waiting for the controller to observe generation 3"),
                arguments("available-false.yaml", DEGRADED, "MinimumReplicasUnavailable: Widget has 0 of 3 replicas available"),
                arguments("status-without-conditions.yaml", HEALTHY, NO_RULES),
                arguments("malformed-conditions.yaml", UNKNOWN,
                        "Cannot assess health of example.com/Widget:shop/gizmo: status.conditions must be an array but is a string"),
                arguments("malformed-condition-status.yaml", UNKNOWN, "Cannot assess health of example.com/Widget:shop/gizmo: "
                        + "status.conditions.0.status must be a string but is a boolean"),
                arguments("malformed-status.yaml", UNKNOWN,
                        "Cannot assess health of example.com/Widget:shop/gizmo: status must be an object but is a string"),
                arguments("malformed-observed-generation.yaml", UNKNOWN, "Cannot assess health of example.com/Widget:shop/gizmo: "
                        + "status.observedGeneration must be an integer but is a string"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void readsTheConventionalConditions(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("generic/" + fixture)).isEqualTo(new Health(status, message));
    }

    @Test
    void secretIsHealthyAndItsValuesStayOutOfTheVerdict() {
        Health health = HealthFixtures.assess("generic/secret.yaml");

        assertThat(health).isEqualTo(new Health(HEALTHY, NO_RULES));
        assertThat(health.toString()).doesNotContain("hunter2", "c2hvcC1hcHA=");
    }

    @Test
    void malformedSecretStatusNamesTheFieldButNotTheValue() throws Exception {
        var secret = Documents.YAML.readTree("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db-credentials, namespace: shop}
                data: {password: aHVudGVyMg==}
                status:
                  conditions: hunter2-leaked-into-status
                """);

        Health health = new HealthAssessor().assess(secret);

        assertThat(health.status()).isEqualTo(UNKNOWN);
        assertThat(health.message()).contains("status.conditions must be an array but is a string")
                .doesNotContain("hunter2", "aHVudGVyMg==");
    }
}
