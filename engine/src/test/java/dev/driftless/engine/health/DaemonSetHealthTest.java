package dev.driftless.engine.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DaemonSetHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("healthy.yaml", HEALTHY, ""),
                arguments("generation-not-observed.yaml", PROGRESSING,
                        "Waiting for rollout to finish: observed daemon set generation less than desired generation"),
                arguments("pods-updating.yaml", PROGRESSING,
                        "Waiting for daemon set \"fluent-bit\" rollout to finish: 1 out of 3 new pods have been updated..."),
                arguments("pods-unavailable.yaml", PROGRESSING,
                        "Waiting for daemon set \"fluent-bit\" rollout to finish: 2 of 3 updated pods are available..."),
                arguments("on-delete.yaml", HEALTHY, "daemon set 1 out of 3 new pods have been updated"),
                arguments("extensions-v1beta1-updating.yaml", PROGRESSING,
                        "Waiting for daemon set \"node-exporter\" rollout to finish: 4 out of 5 new pods have been updated..."));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsScheduledUpdatedAndAvailablePods(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("daemonset/" + fixture)).isEqualTo(new Health(status, message));
    }
}
