package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless health -f FILE} on live objects as the cluster returns them. */
class HealthCommandTest {

    private static final String CRASH_MESSAGE =
            "back-off 5m0s restarting failed container=worker pod=worker-7d9f8-x2x4q_shop";

    @TempDir
    Path work;

    @Test
    void printsOneVerdictPerObjectInFileOrderAsJson() throws Exception {
        CliRun health = CliRun.of("health", "-f", resource("cli/live-objects.yaml").toString());

        assertThat(health.exitCode()).as(health.all()).isZero();
        JsonNode results = Documents.JSON.readTree(health.out());
        assertThat(results.isArray()).isTrue();
        List<List<String>> rows = new ArrayList<>();
        results.forEach(result -> {
            assertThat(result.properties()).extracting(Map.Entry::getKey)
                    .containsExactly("kind", "name", "status", "message");
            rows.add(List.of(result.get("kind").asText(), result.get("name").asText(),
                    result.get("status").asText(), result.get("message").asText()));
        });
        assertThat(rows).containsExactly(
                // observedGeneration caught up, all 3 replicas updated and available
                List.of("Deployment", "web", "Healthy", ""),
                // only 1 of 3 replicas runs the new template
                List.of("Deployment", "api", "Progressing",
                        "Waiting for rollout to finish: 1 out of 3 new replicas have been updated..."),
                // a restart-forever pod waiting on CrashLoopBackOff is degraded with the kubelet's message
                List.of("Pod", "worker-7d9f8-x2x4q", "Degraded", CRASH_MESSAGE),
                // a kind without status has no health rules and counts as healthy, as in Argo CD
                List.of("ConfigMap", "settings", "Healthy", "No health rules for this kind"),
                List.of("PersistentVolumeClaim", "data", "Progressing", "Waiting for the claim to be bound to a volume"));
    }

    @Test
    void textOutputIsAnAlignedTable() throws Exception {
        CliRun health = CliRun.of("health", "-f", resource("cli/live-objects.yaml").toString(), "-o", "text");

        assertThat(health.exitCode()).as(health.all()).isZero();
        List<String> lines = health.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.getFirst().split("\\s+")).containsExactly("KIND", "NAME", "HEALTH", "MESSAGE");
        int messageColumn = lines.getFirst().indexOf("MESSAGE");
        assertThat(lines.get(3)).startsWith("Pod").contains("worker-7d9f8-x2x4q", "Degraded");
        assertThat(lines.get(3).substring(messageColumn)).isEqualTo(CRASH_MESSAGE);
        assertThat(lines.get(5)).startsWith("PersistentVolumeClaim").contains("data", "Progressing");
        assertThat(lines.get(5).indexOf("Progressing")).isEqualTo(lines.getFirst().indexOf("HEALTH"));
        assertThat(lines.get(1).split("\\s+")).containsExactly("Deployment", "web", "Healthy");
    }

    @Test
    void yamlOutputCarriesTheSameVerdicts() throws Exception {
        CliRun health = CliRun.of("health", "-f", resource("cli/live-objects.yaml").toString(), "-o", "yaml");

        assertThat(health.exitCode()).as(health.all()).isZero();
        JsonNode results = Documents.YAML.readTree(health.out());
        assertThat(results).hasSize(5);
        assertThat(results.get(2).get("status").asText()).isEqualTo("Degraded");
    }

    @Test
    void aJsonFileIsReadAsJson() throws Exception {
        Path file = work.resolve("claim.json");
        Files.writeString(file, """
                {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "logs"},
                 "status": {"phase": "Lost"}}
                """);

        CliRun health = CliRun.of("health", "--file", file.toString());

        assertThat(health.exitCode()).as(health.all()).isZero();
        JsonNode result = Documents.JSON.readTree(health.out()).get(0);
        assertThat(result.get("status").asText()).isEqualTo("Degraded");
        assertThat(result.get("message").asText()).isEqualTo("The claim lost its bound volume");
    }

    @Test
    void aMissingFileIsBadInputNamingTheFile() {
        Path missing = work.resolve("no-such-file.yaml");

        CliRun health = CliRun.of("health", "-f", missing.toString());

        assertThat(health.exitCode()).isEqualTo(2);
        assertThat(health.err()).contains(missing + ": no such file");
        assertThat(health.out()).isEmpty();
    }

    @Test
    void aDocumentWithoutKindIsBadInputNamingFileAndDocument() throws Exception {
        Path file = work.resolve("live.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                ---
                apiVersion: v1
                metadata: {name: kindless}
                """);

        CliRun health = CliRun.of("health", "-f", file.toString());

        assertThat(health.exitCode()).isEqualTo(2);
        assertThat(health.err()).contains(file.toString(), "document 2", "kind");
        assertThat(health.out()).isEmpty();
    }

    @Test
    void theFileIsRequired() {
        CliRun health = CliRun.of("health");

        assertThat(health.exitCode()).isEqualTo(2);
        assertThat(health.err()).contains("--file");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(HealthCommandTest.class.getClassLoader().getResource(name).toURI());
    }
}
