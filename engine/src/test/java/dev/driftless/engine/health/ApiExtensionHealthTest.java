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

class ApiExtensionHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("apiservice/available.yaml", HEALTHY, "Passed: all checks passed"),
                arguments("apiservice/unavailable.yaml", DEGRADED, "FailedDiscoveryCheck: failing or missing response from "
                        + "https://10.96.12.4:443/apis/metrics.k8s.io/v1beta1: Get \"https://10.96.12.4:443/apis/metrics.k8s.io/"
                        + "v1beta1\": dial tcp 10.96.12.4:443: connect: connection refused"),
                arguments("apiservice/no-conditions.yaml", PROGRESSING, "Waiting for the APIService to report availability"),
                arguments("crd/established.yaml", HEALTHY, "CRD is healthy"),
                arguments("crd/names-not-accepted.yaml", DEGRADED, "CRD names have not been accepted: \"Widget\" is already in use"),
                arguments("crd/terminating.yaml", PROGRESSING, "CRD is being terminated: CustomResource deletion is in progress"),
                arguments("crd/installing.yaml", PROGRESSING, "CRD is being established: the initial names have been accepted"),
                arguments("crd/non-structural-schema.yaml", DEGRADED, "Schema violations found: "
                        + "spec.validation.openAPIV3Schema.type: Required value: must not be empty at the root"),
                arguments("crd/no-conditions.yaml", PROGRESSING, "Status conditions not found"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsAvailabilityAndEstablishment(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess(fixture)).isEqualTo(new Health(status, message));
    }
}
