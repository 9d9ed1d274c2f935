package dev.driftless.engine.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.DEGRADED;
import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static dev.driftless.engine.health.HealthStatus.SUSPENDED;
import static dev.driftless.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HorizontalPodAutoscalerHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("v2-healthy.yaml", HEALTHY, "recommended size matches current size"),
                arguments("v2-metrics-unavailable.yaml", DEGRADED, "the HPA was unable to compute the replica count: "
                        + "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics "
                        + "from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)"),
                arguments("v2-scaling-limited.yaml", HEALTHY, "recommended size matches current size"),
                arguments("v2-scaling-disabled.yaml", SUSPENDED,
                        "scaling is disabled since the replica count of the target is zero"),
                arguments("v2-no-status.yaml", PROGRESSING, "Waiting to Autoscale"),
                arguments("v1-annotation-healthy.yaml", HEALTHY, "the HPA controller was able to update the target scale to 4"),
                arguments("v1-annotation-cannot-scale.yaml", DEGRADED, "the HPA controller was unable to get the target's "
                        + "current scale: deployments/scale.apps \"webb\" not found"),
                arguments("v1-annotation-malformed.yaml", UNKNOWN, "Cannot assess health of autoscaling/HorizontalPodAutoscaler:"
                        + "shop/web: metadata.annotations[autoscaling.alpha.kubernetes.io/conditions] must hold a JSON array "
                        + "of conditions"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsScalingConditions(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("hpa/" + fixture)).isEqualTo(new Health(status, message));
    }
}
