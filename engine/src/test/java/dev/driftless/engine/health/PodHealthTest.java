package dev.driftless.engine.health;

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

class PodHealthTest {

    static Stream<Arguments> states() {
        return Stream.of(
                arguments("running-ready.yaml", HEALTHY, ""),
                arguments("running-not-ready.yaml", PROGRESSING, "Waiting for containers to be ready: web"),
                arguments("crash-loop-back-off.yaml", DEGRADED, "back-off 5m0s restarting failed container=web "
                        + "pod=web-6d5f9c7b8d-4xk2p_shop(6f0c1a2b-3d4e-4f5a-8b6c-7d8e9f0a1b2c)"),
                arguments("image-pull-back-off.yaml", DEGRADED,
                        "Back-off pulling image \"registry.example.com/shop/web:1.9.9\""),
                arguments("err-image-pull.yaml", DEGRADED, "failed to pull and unpack image "
                        + "\"registry.example.com/shop/web:1.9.9\": failed to resolve reference "
                        + "\"registry.example.com/shop/web:1.9.9\": registry.example.com/shop/web:1.9.9: not found"),
                arguments("create-container-config-error.yaml", DEGRADED, "secret \"db-credentials\" not found"),
                arguments("invalid-image-name.yaml", DEGRADED, "Failed to apply default image tag "
                        + "\"Registry.example.com/Shop/API:2.0.1\": couldn't parse image name "
                        + "\"Registry.example.com/Shop/API:2.0.1\": invalid reference format: repository name must be lowercase"),
                // the waiting init container has no message: the reason stands in for it
                arguments("init-container-crash-loop.yaml", DEGRADED, "container \"migrate\" is waiting: CrashLoopBackOff"),
                // a hook pod (restartPolicy Never) is not failed for an image that may still appear
                arguments("hook-image-pull-back-off.yaml", PROGRESSING, "Pod is pending"),
                arguments("pending-unschedulable.yaml", PROGRESSING, "0/3 nodes are available: 3 Insufficient cpu. "
                        + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."),
                arguments("succeeded.yaml", HEALTHY, ""),
                arguments("failed-evicted.yaml", DEGRADED, "The node was low on resource: memory. Threshold quantity: 100Mi, "
                        + "available: 91Mi. Container web was using 1210Mi, request is 256Mi, has larger consumption of memory. "),
                arguments("failed-exit-code.yaml", DEGRADED, "container \"report\" failed with exit code 2"),
                arguments("failed-oom-killed.yaml", DEGRADED, "container \"report\" was OOMKilled"),
                arguments("running-restarted-not-ready.yaml", DEGRADED,
                        "container \"web\" is not ready and last terminated: Error (exit code 1)"),
                arguments("running-run-once.yaml", PROGRESSING, ""),
                arguments("malformed-container-statuses.yaml", UNKNOWN, "Cannot assess health of /Pod:shop/web-6d5f9c7b8d-4xk2p: "
                        + "status.containerStatuses must be an array but is a string"),
                arguments("malformed-waiting-reason.yaml", UNKNOWN, "Cannot assess health of /Pod:shop/web-6d5f9c7b8d-4xk2p: "
                        + "status.containerStatuses.0.state.waiting.reason must be a string but is a number"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("states")
    void followsContainersAndPhase(String fixture, HealthStatus status, String message) {
        assertThat(HealthFixtures.assess("pod/" + fixture)).isEqualTo(new Health(status, message));
    }
}
