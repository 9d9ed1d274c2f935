package dev.driftless.service;

import dev.driftless.client.DriftlessClient;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.reconcile.ApplicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code driftless serve} with nothing configured: the sandbox cluster and its example application. */
class SandboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private static ServeSettings settings(Path dataDir, boolean sandbox) {
        return ServeSettings.defaults(dataDir).withHost("127.0.0.1").withPort(0).withSandbox(sandbox);
    }

    @Test
    void theExampleApplicationBecomesSyncedAndHealthyOnTheSandboxCluster() throws Exception {
        try (DriftlessServer server = DriftlessServer.start(settings(dataDir, true))) {
            DriftlessService service = server.service();

            await("the example Synced and Healthy", () -> service.application(Sandbox.APPLICATION)
                    .flatMap(ApplicationView::status)
                    .filter(status -> status.sync() == ApplicationStatus.Sync.SYNCED
                            && status.health().status() == HealthStatus.HEALTHY)
                    .isPresent());

            ApplicationView example = service.application(Sandbox.APPLICATION).orElseThrow();
            assertThat(example.origin()).isEqualTo(Origin.SANDBOX);
            assertThat(example.status().orElseThrow().resources()).extracting(resource -> resource.key().kind())
                    .containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service");
            assertThat(service.clusters()).singleElement().satisfies(cluster -> {
                assertThat(cluster.name()).isEqualTo("sandbox");
                assertThat(cluster.sandbox()).isTrue();
                assertThat(cluster.labels()).isEqualTo(Map.of("sandbox", "true"));
                assertThat(cluster.origin()).isEqualTo(Origin.SANDBOX);
            });
            assertThat(server.banner()).startsWith("Driftless is serving at " + server.url())
                    .contains("sandbox cluster: " + server.sandboxUrl().orElseThrow())
                    .contains("not a real cluster");
            assertThat(Files.isDirectory(dataDir.resolve("sandbox/example.git"))).isTrue();
            assertThat(server.initialAdminPassword().orElseThrow()).hasSizeGreaterThanOrEqualTo(24);
            assertThat(server.banner()).doesNotContain(server.initialAdminPassword().orElseThrow());
            assertThat(metrics(server)).contains("driftless_applications{health=\"Healthy\",sync=\"Synced\"} 1.0");

            assertThatThrownBy(() -> service.update(example.spec(), "user:alice"))
                    .isInstanceOf(ServiceException.Conflict.class).hasMessageContaining("sandbox");
            assertThatThrownBy(() -> service.delete(Sandbox.APPLICATION, true, "user:alice"))
                    .isInstanceOf(ServiceException.Conflict.class);
            assertThatThrownBy(() -> service.removeCluster("sandbox", "user:alice"))
                    .isInstanceOf(ServiceException.Conflict.class);
        }
    }

    @Test
    void noSandboxStartsWithNothingAndTheAdminPasswordIsCreatedOnceAndKeptAcrossRestarts() {
        String password;
        try (DriftlessServer server = DriftlessServer.start(settings(dataDir, false))) {
            assertThat(server.service().clusters()).isEmpty();
            assertThat(server.service().applications(ApplicationFilter.none(), 10, 0).total()).isZero();
            assertThat(server.sandboxUrl()).isEmpty();
            assertThat(server.banner()).doesNotContain("sandbox");
            password = server.initialAdminPassword().orElseThrow();
        }
        try (DriftlessServer server = DriftlessServer.start(settings(dataDir, false))) {
            assertThat(server.initialAdminPassword()).as("created only at the first start").isEmpty();
            assertThat(DriftlessClient.signIn(server.url(), "admin", password).actor()).isEqualTo("user:admin");
        }
    }

    private static String metrics(DriftlessServer server) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(server.url().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
