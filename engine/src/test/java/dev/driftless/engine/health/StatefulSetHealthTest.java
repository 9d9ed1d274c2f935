package dev.driftless.engine.health;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.driftless.engine.health.HealthStatus.HEALTHY;
import static dev.driftless.engine.health.HealthStatus.PROGRESSING;
import static dev.driftless.engine.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatefulSetHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("healthy.yaml", HEALTHY, "statefulset rolling update complete 3 pods at revision db-7d9f8c6b5..."),
                arguments("generation-not-observed.yaml", PROGRESSING, "Waiting for statefulset spec update to be observed..."),
                // spec.replicas 3, status.readyReplicas 1
                arguments("pods-not-ready.yaml", PROGRESSING, "Waiting for 2 pods to be ready..."),
                arguments("rolling-update.yaml", PROGRESSING,
                        "waiting for statefulset rolling update to complete 1 pods at revision db-5f6c4b8d7..."),
                // revisions differ, but with OnDelete only the user replaces pods
                arguments("on-delete.yaml", HEALTHY, "statefulset has 3 ready pods"),
                // 5 replicas, partition 2: the 3 highest ordinals must be updated
                arguments("partition-rolling.yaml", PROGRESSING,
                        "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated..."),
                arguments("partition-complete.yaml", HEALTHY, "partitioned roll out complete: 3 new pods have been updated..."),
                arguments("malformed-ready-replicas.yaml", UNKNOWN,
                        "Cannot assess health of apps/StatefulSet:shop/db: status.readyReplicas must be an integer but is a string"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsReadyPodsAndRevisions(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("statefulset/" + fixture)).isEqualTo(new Health(status, message));
    }
}
