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

class NetworkAndStorageHealthTest {

    private static final String NO_ADDRESS = "Waiting for the load balancer to be assigned an address";

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("service/cluster-ip.yaml", HEALTHY, ""),
                arguments("service/load-balancer-pending.yaml", PROGRESSING, NO_ADDRESS),
                arguments("service/load-balancer-ready.yaml", HEALTHY, ""),
                arguments("ingress/with-address.yaml", HEALTHY, ""),
                arguments("ingress/no-address.yaml", PROGRESSING, NO_ADDRESS),
                arguments("ingress/extensions-v1beta1-with-address.yaml", HEALTHY, ""),
                arguments("pvc/bound.yaml", HEALTHY, ""),
                arguments("pvc/pending.yaml", PROGRESSING, "Waiting for the claim to be bound to a volume"),
                arguments("pvc/lost.yaml", DEGRADED, "The claim lost its bound volume"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsAddressesAndBinding(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess(fixture)).isEqualTo(new Health(status, message));
    }
}
