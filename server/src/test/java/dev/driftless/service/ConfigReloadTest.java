package dev.driftless.service;

import dev.driftless.engine.testing.ClusterMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Declarative configuration is read again while the service runs; a broken edit keeps the last good one. */
class ConfigReloadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    private static String application(String name, Path repo) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: "%s", path: app}
                  destination: {cluster: local, namespace: ns}
                """.formatted(name, repo.toUri());
    }

    @Test
    void addedAndRemovedDeclarationsAreTakenWhileABrokenFileIsIgnored() throws Exception {
        try (ClusterMock mock = ClusterMock.start()) {
            Path config = Files.createDirectories(tempDir.resolve("config"));
            Path repo = tempDir.resolve("no-such-repo");
            Files.writeString(config.resolve("kubeconfig"), mock.kubeconfig());
            Files.writeString(config.resolve("cluster.yaml"), """
                    apiVersion: driftless.dev/v1alpha1
                    kind: Cluster
                    metadata: {name: local}
                    spec: {kubeconfig: kubeconfig, context: mock}
                    """);
            Files.writeString(config.resolve("first.yaml"), application("first", repo));
            ServeSettings settings = ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1").withPort(0)
                    .withConfig(new ConfigSource.Directory(config)).withPollInterval(Duration.ofMillis(200))
                    .withLocalRepositoriesAllowed(true);

            try (DriftlessServer server = DriftlessServer.start(settings)) {
                DriftlessService service = server.service();
                assertThat(service.application("first")).isPresent();

                Files.writeString(config.resolve("second.yaml"), application("second", repo));
                Files.delete(config.resolve("first.yaml"));
                await("second declared, first gone", () -> service.application("second").isPresent()
                        && service.application("first").isEmpty());
                assertThat(service.application("second").orElseThrow().origin()).isEqualTo(Origin.CONFIG);

                Files.writeString(config.resolve("broken.yaml"), "kind: Application\nmetadata: {name: broken}\n");
                Files.writeString(config.resolve("third.yaml"), application("third", repo));
                Thread.sleep(1000);
                assertThat(service.application("third")).as("nothing of a broken configuration is taken").isEmpty();
                assertThat(service.application("second")).isPresent();
            }
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
