package dev.driftless.api;

import static dev.driftless.api.webhook.WebhookFixtures.GITEA_SECRET;
import static dev.driftless.api.webhook.WebhookFixtures.hmacHex;
import static dev.driftless.api.webhook.WebhookFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.api.ReadinessCheck.Readiness;
import dev.driftless.api.webhook.GitProvider;
import dev.driftless.api.webhook.PushEvent;
import dev.driftless.api.webhook.WebhookFixtures;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.reconcile.OperationRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final String GITHUB_SECRET = "github-webhook-secret";
    private static final String GITLAB_TOKEN = "gitlab-token-3f9a7c";
    private static final WebhookSecrets SECRETS = WebhookSecrets.none()
            .with(GitProvider.GITHUB, GITHUB_SECRET)
            .with(GitProvider.GITLAB, GITLAB_TOKEN)
            .with(GitProvider.GITEA, GITEA_SECRET);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<PushEvent> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.notReady("store not migrated"));
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reportsTheUrlItListensOnWithTheFreePortItGot() {
        server = start(SECRETS, push -> 0);

        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void everyFixtureIsDeliveredToTheListenerOverHttp() throws Exception {
        server = start(SECRETS, push -> {
            received.add(push);
            return 2;
        });

        for (WebhookFixtures.Delivery delivery : WebhookFixtures.DELIVERIES) {
            byte[] body = read(delivery.file());
            Map<String, String> headers = new HashMap<>(delivery.headers());
            if (delivery.file().startsWith("github/")) {
                headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body));
            }
            if (delivery.file().startsWith("gitlab/")) {
                headers.put("X-Gitlab-Token", GITLAB_TOKEN);
            }
            HttpResponse<String> response = post("api/webhook", headers, body);

            if (delivery.file().equals("github/ping.json")) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(json(response).path("result").asText()).isEqualTo("ping");
            } else {
                assertThat(response.statusCode()).as(delivery.file()).isEqualTo(202);
                assertThat(json(response).path("refreshed").asInt()).as(delivery.file()).isEqualTo(2);
            }
        }

        assertThat(received).extracting(PushEvent::provider).containsExactly(
                GitProvider.GITHUB, GitProvider.GITLAB, GitProvider.GITLAB, GitProvider.GITEA, GitProvider.GOGS,
                GitProvider.BITBUCKET_CLOUD, GitProvider.BITBUCKET_SERVER, GitProvider.AZURE_DEVOPS);
        assertThat(received.getFirst().newSha()).isEqualTo("fd489864e7642b48eaad6e3f155c10e46810ec72");
        assertThat(received.getFirst().concerns("https://github.com/binkkatal/sample_app.git")).isTrue();
    }

    @Test
    void refreshedCountsAddUpOverThePushesOfOneDelivery() throws Exception {
        server = start(WebhookSecrets.none(), push -> push.ref().equals("refs/heads/a") ? 3 : 4);
        String twoBranches = """
                {"eventType":"git.push","publisherId":"tfs","resource":{
                  "repository":{"remoteUrl":"https://dev.azure.com/org/project/_git/repo"},
                  "refUpdates":[{"name":"refs/heads/a","newObjectId":"%s"},{"name":"refs/heads/b","newObjectId":"%s"}]}}
                """.formatted("1".repeat(40), "2".repeat(40));

        HttpResponse<String> response = post("api/webhook", Map.of(), twoBranches.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("pushes").asInt()).isEqualTo(2);
        assertThat(json(response).path("refreshed").asInt()).isEqualTo(7);
    }

    @Test
    void rejectionsAreShortJsonErrorsWithTheirStatus() throws Exception {
        server = start(SECRETS, push -> {
            received.add(push);
            return 1;
        });
        byte[] push = read("github/push.json");

        HttpResponse<String> unsigned = post("api/webhook", Map.of("X-GitHub-Event", "push"), push);
        HttpResponse<String> wrong = post("api/webhook",
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmacHex("guess", push)), push);
        HttpResponse<String> malformed = post("api/webhook", Map.of("X-Gogs-Event", "push"), "{oops".getBytes());
        HttpResponse<String> unknown = post("api/webhook", Map.of(), "{}".getBytes());
        HttpResponse<String> ignored = post("api/webhook", Map.of("X-Gogs-Event", "issues"), "{}".getBytes());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : List.of(unsigned, wrong, malformed, unknown)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(json(response).path("error").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
        assertThat(ignored.statusCode()).isEqualTo(202);
        assertThat(json(ignored).path("result").asText()).isEqualTo("ignored");
        assertThat(received).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, WebhookSecrets.none(), 1024),
                push -> 1, () -> Readiness.READY);

        HttpResponse<String> response = post("api/webhook", Map.of("X-GitHub-Event", "push"), read("github/push.json"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").asText()).contains("1024 bytes");
    }

    @Test
    void aFailingListenerGivesAnInternalErrorWithoutDetails() throws Exception {
        server = start(WebhookSecrets.none(), push -> {
            throw new IllegalStateException("queue database password=swordfish unreachable");
        });

        HttpResponse<String> response = post("api/webhook", Map.of("X-GitHub-Event", "push"), read("github/push.json"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).isEqualTo("internal error; see the server log");
        assertThat(response.body()).doesNotContain("swordfish", "IllegalStateException");
    }

    @Test
    void unknownPathsAnswerAJsonNotFound() throws Exception {
        server = start(WebhookSecrets.none(), push -> 0);

        HttpResponse<String> response = get("api/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).isNotBlank();
    }

    @Test
    void gitLabTokenNeverReachesTheLogOrAResponse() throws Exception {
        server = start(SECRETS, push -> 1);
        byte[] body = read("gitlab/push-event.json");
        String wrongToken = "wrong-token-8c1d2e";
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<HttpResponse<String>> responses;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            responses = List.of(
                    post("api/webhook", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", GITLAB_TOKEN), body),
                    post("api/webhook", Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", wrongToken), body));
            awaitLogLines(log, "POST /api/webhook", 2);
        } finally {
            System.setErr(originalErr);
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(202, 403);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("webhook refused: GitLab webhook: X-Gitlab-Token does not match");
        assertThat(logged).doesNotContain(GITLAB_TOKEN, wrongToken);
        for (HttpResponse<String> response : responses) {
            assertThat(response.body()).doesNotContain(GITLAB_TOKEN, wrongToken);
        }
    }

    @Test
    void healthzAlwaysAnswersAndReadyzFollowsTheReadinessCheck() throws Exception {
        server = start(WebhookSecrets.none(), push -> 0);

        assertThat(get("healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).path("error").asText()).isEqualTo("not ready: store not migrated");

        readiness.set(Readiness.READY);

        assertThat(get("readyz").statusCode()).isEqualTo(200);
        assertThat(get("healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsServesTheServiceMetersInPrometheusFormat() throws Exception {
        server = start(WebhookSecrets.none(), push -> 0);
        Metrics metrics = new Metrics(server.registry(),
                (sync, health) -> sync.equals("OutOfSync") && health == HealthStatus.DEGRADED ? 3 : 0);
        metrics.recordReconcile("prod", Duration.ofMillis(200));
        metrics.recordSync("prod", OperationRecord.Phase.SUCCEEDED, Duration.ofSeconds(2));
        metrics.recordSync("prod", OperationRecord.Phase.SUCCEEDED, Duration.ofSeconds(3));
        metrics.recordSync("prod", OperationRecord.Phase.FAILED, Duration.ofSeconds(1));
        metrics.recordGitRequest("https://bot:ghp_secret123@github.com/org/app.git", Metrics.GitRequest.LS_REMOTE,
                true, Duration.ofMillis(40));
        metrics.recordClusterRequest("prod", "patch", 200);

        HttpResponse<String> response = get("metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains(
                "driftless_applications{health=\"Degraded\",sync=\"OutOfSync\"} 3.0",
                "driftless_applications{health=\"Healthy\",sync=\"Synced\"} 0.0",
                "driftless_reconcile_duration_seconds_bucket{cluster=\"prod\",le=\"0.25\"} 1",
                "driftless_reconcile_duration_seconds_bucket{cluster=\"prod\",le=\"0.1\"} 0",
                "driftless_sync_total{cluster=\"prod\",result=\"succeeded\"} 2.0",
                "driftless_sync_total{cluster=\"prod\",result=\"failed\"} 1.0",
                "driftless_sync_duration_seconds_count{cluster=\"prod\",result=\"succeeded\"} 2",
                "driftless_git_requests_seconds_count{outcome=\"success\",repo=\"github.com/org/app\",request=\"ls_remote\"} 1",
                "driftless_cluster_requests_total{cluster=\"prod\",code=\"200\",verb=\"patch\"} 1.0",
                "jvm_memory_used_bytes");
        assertThat(response.body()).doesNotContain("ghp_secret123");
    }

    private ApiServer start(WebhookSecrets secrets, PushListener listener) {
        return ApiServer.start(ApiServer.Options.loopback(0, secrets), listener, readiness::get);
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Documents.JSON.readTree(response.body());
    }

    /** The request log is written once the response is sent, so the test waits for it rather than racing it. */
    private static void awaitLogLines(ByteArrayOutputStream log, String marker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.toString(StandardCharsets.UTF_8).split(Pattern.quote(marker), -1).length - 1 < count
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).as("request log").contains(marker);
    }
}
