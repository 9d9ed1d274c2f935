package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.DriftlessClient;
import dev.driftless.engine.model.Documents;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as a newcomer meets it: `driftless serve` with nothing configured, then the CLI client talking to its
 * REST API with a token of the admin, signed in with the password printed at first start.
 */
class ServeEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void theClientSeesTheSandboxExampleBecomeSyncedAndHealthyThroughTheApi() throws Exception {
        try (DriftlessServer server = DriftlessServer.start(ServeSettings.defaults(dataDir).withHost("127.0.0.1").withPort(0))) {
            String url = server.url().toString();
            String adminToken = DriftlessClient.signIn(server.url(), "admin", server.initialAdminPassword().orElseThrow())
                    .token();
            Path tokenFile = dataDir.resolve("token");
            Files.writeString(tokenFile, adminToken);
            String token = tokenFile.toString();

            CliRun wait = CliRun.of("app", "wait", "example", "--sync", "--health", "--timeout", "60",
                    "--server", url, "--token-file", token);
            assertThat(wait.exitCode()).as(wait.all()).isZero();

            CliRun list = CliRun.of("app", "list", "--server", url, "--token-file", token, "-o", "json");
            assertThat(list.exitCode()).as(list.all()).isZero();
            JsonNode page = Documents.JSON.readTree(list.out());
            assertThat(page.path("items")).singleElement().satisfies(example -> {
                assertThat(example.path("name").asText()).isEqualTo("example");
                assertThat(example.path("sync").asText()).isEqualTo("Synced");
                assertThat(example.path("health").asText()).isEqualTo("Healthy");
            });

            CliRun clusters = CliRun.of("cluster", "list", "--server", url, "--token-file", token);
            assertThat(clusters.out()).contains("sandbox");

            assertThat(list.all() + wait.all() + clusters.all()).doesNotContain(adminToken);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url + "api/applications")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutEchoingIt() throws Exception {
        try (DriftlessServer server = DriftlessServer.start(ServeSettings.defaults(dataDir).withHost("127.0.0.1")
                .withPort(0).withSandbox(false))) {
            Path wrong = dataDir.resolve("wrong-token");
            Files.writeString(wrong, "not-the-admin-token-4711");

            CliRun list = CliRun.of("app", "list", "--server", server.url().toString(), "--token-file", wrong.toString());

            assertThat(list.exitCode()).isEqualTo(2);
            assertThat(list.all()).doesNotContain("not-the-admin-token-4711");
        }
    }
}
