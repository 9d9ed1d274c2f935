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

class DeploymentHealthTest {

    static Stream<Arguments> rollouts() {
        return Stream.of(
                arguments("healthy.yaml", HEALTHY, ""),
                arguments("paused.yaml", SUSPENDED, "Deployment is paused"),
                arguments("generation-not-observed.yaml", PROGRESSING,
                        "Waiting for rollout to finish: observed deployment generation less than desired generation"),
                arguments("progress-deadline-exceeded.yaml", DEGRADED, "Deployment \"web\" exceeded its progress deadline"),
                // spec.replicas 3, status.updatedReplicas 1
                arguments("new-replicas-updating.yaml", PROGRESSING,
                        "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."),
                // status.replicas 4, status.updatedReplicas 3
                arguments("old-replicas-terminating.yaml", PROGRESSING,
                        "Waiting for rollout to finish: 1 old replicas are pending termination..."),
                // status.availableReplicas 2, status.updatedReplicas 3
                arguments("updated-replicas-unavailable.yaml", PROGRESSING,
                        "Waiting for rollout to finish: 2 of 3 updated replicas are available..."),
                arguments("extensions-v1beta1-updating.yaml", PROGRESSING,
                        "Waiting for rollout to finish: 0 out of 2 new replicas have been updated..."),
                arguments("malformed-replicas.yaml", UNKNOWN,
                        "Cannot assess health of apps/Deployment:shop/web: status.replicas must be an integer but is a string"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("rollouts")
    void followsTheRolloutOfTheNewReplicaSet(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("deployment/" + fixture)).isEqualTo(new Health(status, message));
    }
}
