package dev.driftless.service;

import dev.driftless.api.webhook.GitProvider;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.Store;
import dev.driftless.store.StoreSettings;
import dev.driftless.store.StoredCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service in process, against fabric8's CRUD mock as its cluster and a real Git server on loopback,
 * through its public surfaces: the service facade and the webhook endpoint. Run on H2 and on PostgreSQL.
 */
abstract class ServiceScenarios {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String WEBHOOK_SECRET = "webhook-secret-for-the-test";
    private static final String NAMESPACE = "shop";
    private static final String ACTOR = "user:alice";

    @TempDir
    Path tempDir;

    private ClusterMock mock;
    private GitServers servers;
    private GitTestRepo repo;
    private DriftlessServer server;

    /** The database URL, or {@code null} for H2 in the data directory. */
    abstract String databaseUrl();

    /** Variables the store reads, such as the database password. */
    abstract Map<String, String> environment();

    @BeforeEach
    void startClusterAndGit() {
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.close();
        }
        servers.close();
        mock.close();
    }

    // --- fixtures ---

    private Path dataDir() {
        return tempDir.resolve("data");
    }

    private DriftlessServer start() {
        server = DriftlessServer.start(new ServeSettings(dataDir(), databaseUrl(), new ConfigSource.None(), false,
                Duration.ofHours(1), "127.0.0.1", 0, WebhookSecrets.none().with(GitProvider.GITHUB, WEBHOOK_SECRET),
                environment()).withLocalRepositoriesAllowed(true));
        return server;
    }

    private DriftlessService service() {
        return server.service();
    }

    private void addCluster() {
        service().addCluster(new StoredCluster("local", mock.kubeconfig(), "mock", Map.of("env", "test")), ACTOR);
    }

    private String commitMode(String mode) {
        return repo.commit("mode " + mode)
                .write("app/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: web}
                        data: {mode: %s}
                        """.formatted(mode))
                .create();
    }

    private ApplicationSpec app(String name, boolean automated) {
        return new ApplicationSpec(name, null, Map.of("team", "shop"),
                new SourceSpec(servers.httpUrl(repo), "main", "app", null), new DestinationSpec("local", NAMESPACE),
                new SyncPolicy(automated, true, automated, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of());
    }

    private Optional<String> liveMode() {
        ConfigMap live = mock.client().configMaps().inNamespace(NAMESPACE).withName("web").get();
        return Optional.ofNullable(live).map(map -> map.getData().get("mode"));
    }

    private Optional<ApplicationStatus> status(String name) {
        return service().application(name).flatMap(ApplicationView::status);
    }

    private boolean synced(String name, String sha) {
        return status(name).filter(status -> status.sync() == ApplicationStatus.Sync.SYNCED
                && status.revision().map(revision -> revision.sha().equals(sha)).orElse(false)).isPresent();
    }

    private List<String> actions(String application) {
        return service().events(new EventQuery(application, null, PageRequest.first(100))).items().stream()
                .map(AuditEvent::action).toList();
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

    /**
     * Waits until the cluster has had no request for a while: the comparisons that the sync's own writes set off
     * through the watches are over, so the next commit is seen only through what the test does next.
     */
    private void awaitIdle() throws InterruptedException {
        int quietChecks = 0;
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (quietChecks < 3) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the service kept talking to the cluster for " + TIMEOUT);
            }
            Thread.sleep(200);
            quietChecks = mock.takeRequests().isEmpty() ? quietChecks + 1 : 0;
        }
    }

    private static OperationRecord finish(java.util.concurrent.CompletableFuture<OperationRecord> operation)
            throws Exception {
        return operation.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A GitHub push delivery as GitHub signs it: HMAC-SHA256 of the body with the shared secret. */
    private HttpResponse<String> deliverGitHubPush(String sha, String secret) throws Exception {
        String body = """
                {"ref": "refs/heads/main", "before": "%s", "after": "%s",
                 "repository": {"full_name": "shop/config", "clone_url": "%s"},
                 "pusher": {"name": "ada"},
                 "commits": [{"id": "%s", "added": [], "removed": [], "modified": ["app/config.yaml"]}]}
                """.formatted("0".repeat(40), sha, servers.httpUrl(repo), sha);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(server.url().resolve("/api/webhook"))
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", "push")
                            .header("X-GitHub-Delivery", "test-delivery")
                            .header("X-Hub-Signature-256", signature)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    // --- scenarios ---

    @Test
    void aGitHubPushGoesLiveAndAChangeInTheClusterIsRevertedBySelfHeal() throws Exception {
        String v1 = commitMode("v1");
        start();
        addCluster();
        service().create(app("web", true), ACTOR);
        await("v1 synced", () -> synced("web", v1) && liveMode().equals(Optional.of("v1")));
        awaitIdle();

        String v2 = commitMode("v2");
        assertThat(deliverGitHubPush(v2, "not-the-secret").statusCode()).as("a bad signature is refused")
                .isEqualTo(403);
        HttpResponse<String> accepted = deliverGitHubPush(v2, WEBHOOK_SECRET);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"refreshed\":1");
        await("v2 live after the push", () -> liveMode().equals(Optional.of("v2")));

        mock.client().configMaps().inNamespace(NAMESPACE).withName("web")
                .edit(map -> new ConfigMapBuilder(map).addToData("mode", "edited-by-hand").build());
        await("the hand edit reverted", () -> liveMode().equals(Optional.of("v2"))
                && service().history("web", 10).getFirst().initiatedBy().equals("self-heal"));
        await("the audit log records the sync and the revert",
                () -> actions("web").containsAll(List.of("application.create", "sync.succeeded", "drift.reverted")));
    }

    @Test
    void aManualApplicationWaitsForAnExplicitSyncAndRollbackRestoresAnEarlierRevision() throws Exception {
        String v1 = commitMode("v1");
        start();
        addCluster();
        service().create(app("web", false), ACTOR);
        await("compared", () -> status("web").filter(status -> status.sync() == ApplicationStatus.Sync.OUT_OF_SYNC)
                .isPresent());
        assertThat(liveMode()).as("a manual application applies nothing on its own").isEmpty();

        OperationRecord first = finish(service().sync("web", SyncRequest.by("ignored"), ACTOR));
        assertThat(first.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(first.initiatedBy()).as("the actor, not what the caller wrote").isEqualTo(ACTOR);
        assertThat(first.revision()).isEqualTo(v1);
        assertThat(liveMode()).contains("v1");

        String v2 = commitMode("v2");
        service().refresh("web", ACTOR);
        await("v2 seen", () -> status("web").flatMap(ApplicationStatus::revision)
                .filter(revision -> revision.sha().equals(v2)).isPresent());
        assertThat(status("web").orElseThrow().sync()).isEqualTo(ApplicationStatus.Sync.OUT_OF_SYNC);
        assertThat(liveMode()).as("still waiting for a sync").contains("v1");
        assertThat(finish(service().sync("web", SyncRequest.by("ignored"), ACTOR)).revision()).isEqualTo(v2);
        assertThat(liveMode()).contains("v2");

        OperationRecord rolledBack = finish(service().rollback("web", first.id(), ACTOR));

        assertThat(rolledBack.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(rolledBack.revision()).isEqualTo(v1);
        assertThat(liveMode()).contains("v1");
        assertThat(status("web").orElseThrow().rollback())
                .contains(new ApplicationStatus.Rollback(v1, first.id()));
        assertThat(service().history("web", 10)).extracting(OperationRecord::revision).containsExactly(v1, v2, v1);
        assertThat(actions("web")).contains("rollback");
    }

    @Test
    void aRollbackPinSurvivesARestartUntilTheApplicationIsUpdatedWithAutomatedSyncOn() throws Exception {
        String v1 = commitMode("v1");
        start();
        addCluster();
        service().create(app("web", true), ACTOR);
        await("v1 synced", () -> synced("web", v1));
        OperationRecord first = service().history("web", 1).getFirst();
        String v2 = commitMode("v2");
        service().refresh("web", ACTOR);
        await("v2 live", () -> liveMode().equals(Optional.of("v2")));
        finish(service().rollback("web", first.id(), ACTOR));
        server.close();

        commitMode("v3");
        start();

        assertThat(status("web").orElseThrow().rollback()).contains(new ApplicationStatus.Rollback(v1, first.id()));
        service().refresh("web", ACTOR);
        await("compared after the restart", () -> status("web").flatMap(ApplicationStatus::revision).isPresent());
        assertThat(liveMode()).as("the pinned revision stays live").contains("v1");

        service().update(app("web", true), ACTOR);

        await("automated sync resumed to the newest commit", () -> liveMode().equals(Optional.of("v3")));
        assertThat(status("web").orElseThrow().rollback()).isEmpty();
        assertThat(v2).isNotEqualTo(v1);
    }

    @Test
    void aGitServerThatGoesDownLeavesTheClusterUntouched() throws Exception {
        String v1 = commitMode("v1");
        start();
        addCluster();
        service().create(app("web", true), ACTOR);
        await("v1 synced", () -> synced("web", v1) && liveMode().equals(Optional.of("v1")));
        int operations = service().history("web", 100).size();

        servers.close();
        service().refresh("web", ACTOR);

        await("the error shown", () -> !status("web").orElseThrow().error().isEmpty());
        assertThat(liveMode()).contains("v1");
        assertThat(service().history("web", 100)).hasSize(operations);
        assertThat(mock.takeWrites()).as("no write after the source failed")
                .noneMatch(write -> write.startsWith("DELETE") && write.contains("/configmaps/web"));
    }

    @Test
    void aSyncInterruptedByAKillIsFinishedAsFailedAndTheRestartSyncsCorrectly() throws Exception {
        String v1 = commitMode("v1");
        start();
        addCluster();
        service().create(app("web", true), ACTOR);
        await("v1 synced", () -> synced("web", v1));
        server.close();
        server = null;
        String v2 = commitMode("v2");
        // What a kill in the middle of a sync leaves: the operation recorded as started and never finished.
        long interruptedId;
        try (Store store = Store.open(new StoreSettings(dataDir(), databaseUrl(), environment(), Clock.systemUTC()))) {
            interruptedId = store.operations().start(new OperationRecord(0, "web", v2, null, "automated",
                    Instant.now(), null, OperationRecord.Phase.RUNNING, "", List.of(), true, false)).id();
        }

        start();

        await("v2 live after the restart", () -> liveMode().equals(Optional.of("v2")) && synced("web", v2));
        List<OperationRecord> history = service().history("web", 10);
        assertThat(history).extracting(OperationRecord::phase).containsExactly(OperationRecord.Phase.SUCCEEDED,
                OperationRecord.Phase.FAILED, OperationRecord.Phase.SUCCEEDED);
        assertThat(history.get(1).id()).isEqualTo(interruptedId);
        assertThat(history.get(1).message()).contains("interrupted");
        assertThat(history.get(1).finishedAt()).isNotNull();
        assertThat(history.getFirst().revision()).isEqualTo(v2);
        assertThat(actions("web")).contains("operation.interrupted");
    }

    @Test
    void deletingWithCascadeRemovesOnlyTheObjectsTheApplicationTracks() throws Exception {
        commitMode("v1");
        start();
        addCluster();
        service().create(app("web", true), ACTOR);
        await("v1 live", () -> liveMode().equals(Optional.of("v1")));
        mock.client().configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("someone-elses").addToLabels("driftless.dev/app", "web").endMetadata()
                .addToData("owner", "another team").build()).create();

        service().delete("web", true, ACTOR);

        assertThat(liveMode()).isEmpty();
        assertThat(mock.client().configMaps().inNamespace(NAMESPACE).withName("someone-elses").get())
                .as("an object without the application's tracking annotation is never deleted").isNotNull();
        assertThat(service().application("web")).isEmpty();
        assertThat(actions("web")).contains("application.delete");
    }
}
