package dev.driftless.engine.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.DEGRADED;
import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReplicaSetHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("healthy.yaml", HEALTHY, ""),
                arguments("replica-failure.yaml", DEGRADED,
                        "pods \"web-6d5f9c7b8d-x7k2p\" is forbidden: exceeded quota: compute, requested: limits.cpu=500m, "
                                + "used: limits.cpu=2, limited: limits.cpu=2"),
                arguments("replicas-unavailable.yaml", PROGRESSING,
                        "Waiting for rollout to finish: 1 out of 3 new replicas are available..."),
                arguments("generation-not-observed.yaml", PROGRESSING,
                        "Waiting for rollout to finish: observed replica set generation less than desired generation"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsFailuresAndAvailableReplicas(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("replicaset/" + fixture)).isEqualTo(new Health(status, message));
    }
}
