package dev.driftless.service;

import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.client.ClientException;
import dev.driftless.client.DriftlessClient;
import dev.driftless.client.Operation;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.StoreSettings;
import dev.driftless.testing.PostgresServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's "killed in the middle of a sync and restarted": {@code driftless serve} runs in its own JVM against
 * fabric8's CRUD mock and a {@code git daemon} that both live in this JVM, is killed with SIGKILL while its sync waits
 * for a PreSync hook Job, and is started again on the same data directory. This test plays the Job and Deployment
 * controllers, and completes the hook only once the restarted service has created it again.
 */
class KillAndRestartTest {

    private static final Pattern INITIAL_PASSWORD = Pattern.compile("the user admin with the password (\\S+) ");

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String NAMESPACE = "shop";
    private static final String APP = "web";
    private static final ResourceDefinitionContext JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("batch").withVersion("v1").withKind("Job").withPlural("jobs").withNamespaced(true).build();
    private static final ResourceDefinitionContext DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("apps").withVersion("v1").withKind("Deployment").withPlural("deployments").withNamespaced(true)
            .build();

    @TempDir
    Path tempDir;

    private ClusterMock mock;
    private GitServers servers;
    private GitTestRepo repo;
    private Process serveProcess;
    private DriftlessServer restarted;
    /** The API of the process to be killed, once signed in. */
    private DriftlessClient client;

    @BeforeEach
    void startClusterAndGit() {
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("shop");
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (serveProcess != null) {
            serveProcess.destroyForcibly();
            serveProcess.waitFor(10, TimeUnit.SECONDS);
        }
        if (restarted != null) {
            restarted.close();
        }
        servers.close();
        mock.close();
    }

    @Test
    void aServiceKilledWhileASyncWaitsForItsHookFinishesTheSyncAfterARestartOnH2() throws Exception {
        killMidSyncAndRestart(null, Map.of());
    }

    @Test
    void aServiceKilledWhileASyncWaitsForItsHookFinishesTheSyncAfterARestartOnPostgres() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        killMidSyncAndRestart(postgres.jdbcUrl(postgres.createDatabase()) + "?user=" + PostgresServer.USER,
                Map.of(StoreSettings.PASSWORD_VARIABLE, postgres.password()));
    }

    private void killMidSyncAndRestart(String databaseUrl, Map<String, String> environment) throws Exception {
        String sha = commitApplication();
        Path configDir = writeConfiguration();
        Path dataDir = tempDir.resolve("data");
        mock.client().configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("someone-elses").endMetadata()
                .addToData("owner", "another team").build()).create();

        int port = freePort();
        Path serveLog = tempDir.resolve("serve.log");
        serveProcess = startServe(dataDir, configDir, port, databaseUrl, environment, serveLog);
        Operation running = await("the first service's sync running, waiting for its PreSync hook", serveLog, () ->
                runningOperation(serveLog, port).filter(operation -> hookJob().isPresent()));
        String killedRunsHook = hookJob().orElseThrow().getMetadata().getUid();
        assertThat(running.revision()).isEqualTo(sha);
        assertThat(runningOperation(serveLog, port).orElseThrow().resources()).as("shown while the sync runs")
                .anySatisfy(result -> {
                    assertThat(result.key()).endsWith("/migrate");
                    assertThat(result.action()).isEqualTo("HOOK_CREATED");
                });
        assertThat(mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get())
                .as("the sync is stopped before its objects: the PreSync hook has not completed").isNull();

        serveProcess.destroyForcibly();
        assertThat(serveProcess.waitFor(10, TimeUnit.SECONDS)).as("the killed service exited").isTrue();
        serveProcess = null;
        Instant restart = Instant.now();
        restarted = DriftlessServer.start(new ServeSettings(dataDir, databaseUrl, new ConfigSource.Directory(configDir),
                false, Duration.ofSeconds(1), "127.0.0.1", 0, WebhookSecrets.none(), environment)
                .withLocalRepositoriesAllowed(true));

        GenericKubernetesResource rerun = await("the hook created again by the restarted service", serveLog,
                () -> hookJob().filter(job -> !job.getMetadata().getUid().equals(killedRunsHook)));
        mock.writeStatus(JOBS, NAMESPACE, rerun.getMetadata().getName(),
                Documents.YAML.readTree("{succeeded: 1, conditions: [{type: Complete, status: 'True'}]}"));
        Deployment deployment = await("the Deployment applied after the hook", serveLog, () -> Optional.ofNullable(
                mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get()));
        long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
        mock.writeStatus(DEPLOYMENTS, NAMESPACE, "web", Documents.YAML.readTree(("{observedGeneration: %d,"
                + " replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1}").formatted(generation)));
        await("synced and healthy at " + sha, serveLog, () -> status().filter(status ->
                status.sync() == ApplicationStatus.Sync.SYNCED && status.health().status() == HealthStatus.HEALTHY
                        && status.revision().filter(revision -> revision.sha().equals(sha)).isPresent()));

        List<OperationRecord> history = restarted.service().history(APP, 10);
        assertThat(history).extracting(OperationRecord::phase)
                .containsExactly(OperationRecord.Phase.SUCCEEDED, OperationRecord.Phase.FAILED);
        OperationRecord interrupted = history.get(1);
        OperationRecord resumed = history.getFirst();
        assertThat(interrupted.id()).isEqualTo(running.id());
        assertThat(interrupted.message()).contains("interrupted");
        assertThat(interrupted.startedAt()).isEqualTo(running.startedAt());
        assertThat(interrupted.finishedAt()).as("finished by the restart").isAfterOrEqualTo(restart);
        assertThat(resumed.revision()).isEqualTo(interrupted.revision()).isEqualTo(sha);
        assertThat(resumed.startedAt()).isAfterOrEqualTo(interrupted.finishedAt());
        assertThat(resumed.finishedAt()).isAfterOrEqualTo(resumed.startedAt());
        assertThat(interrupted.resources()).as("what the killed run had done, and its hook deleted by the restart")
                .extracting(result -> result.key().name() + " " + result.action())
                .containsExactly("migrate HOOK_CREATED", "migrate HOOK_DELETED");
        assertThat(resumed.resources()).as("the new hook run and cleaned up")
                .filteredOn(result -> result.key().name().equals("migrate")).extracting(ResourceResult::action)
                .containsExactly(SyncAction.HOOK_CREATED, SyncAction.HOOK_SUCCEEDED, SyncAction.HOOK_DELETED);
        assertThat(resumed.resources()).filteredOn(result -> result.action() == SyncAction.CREATED)
                .extracting(result -> result.key().name())
                .containsExactlyInAnyOrder("web", "web-settings", "web-features");
        assertThat(actions()).contains("operation.interrupted", "sync.succeeded");

        assertThat(configMapData()).as("the application's ConfigMaps with their data, and the unmanaged one kept")
                .isEqualTo(Map.of("web-settings", Map.of("mode", "live"), "web-features", Map.of("beta", "enabled"),
                        "someone-elses", Map.of("owner", "another team")));
        Deployment live = mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("nginx:1.27"));
        assertThat(mock.client().apps().deployments().inNamespace(NAMESPACE).list().getItems())
                .extracting(HasMetadata::getMetadata).extracting(ObjectMeta::getName).containsExactly("web");
        assertThat(mock.client().genericKubernetesResources(JOBS).inNamespace(NAMESPACE).list().getItems())
                .as("the hook deleted once it succeeded, and the killed run's instance deleted before the rerun")
                .isEmpty();
    }

    // --- fixtures ---

    private String commitApplication() {
        return repo.commit("web with a migration")
                .write("app/migrate.yaml", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata:
                          name: migrate
                          annotations:
                            driftless.dev/hook: PreSync
                            driftless.dev/hook-delete-policy: BeforeHookCreation,HookSucceeded
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                              containers: [{name: migrate, image: "busybox:1.36", command: [sh, -c, "true"]}]
                        """)
                .write("app/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: 1
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec:
                              containers: [{name: web, image: "nginx:1.27"}]
                        """)
                .write("app/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: web-settings}
                        data: {mode: live}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: web-features}
                        data: {beta: enabled}
                        """)
                .create();
    }

    private Path writeConfiguration() throws IOException {
        Path config = Files.createDirectories(tempDir.resolve("config"));
        Files.writeString(config.resolve("kubeconfig"), mock.kubeconfig());
        Files.writeString(config.resolve("cluster.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Cluster
                metadata: {name: local}
                spec: {kubeconfig: kubeconfig, context: mock}
                """);
        Files.writeString(config.resolve("application.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: %s}
                spec:
                  source: {repoURL: "%s", targetRevision: main, path: app}
                  destination: {cluster: local, namespace: %s}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                """.formatted(APP, servers.daemonUrl(repo), NAMESPACE));
        return config;
    }

    /** {@code driftless serve} in a JVM of its own, on this JVM's class path, so SIGKILL stops it and nothing else. */
    private static Process startServe(Path dataDir, Path configDir, int port, String databaseUrl,
                                      Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "dev.driftless.cli.Main", "serve",
                "--data-dir", dataDir.toString(), "--config-dir", configDir.toString(), "--port", String.valueOf(port),
                "--no-sandbox", "--poll-interval", "1s", "--allow-local-repositories"));
        if (databaseUrl != null) {
            command.addAll(List.of("--database-url", databaseUrl));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * The newest operation while it runs, read through the REST API of the serving process as admin, signed in once
     * with the password the process printed at its first start: a sign-in per poll would spend the process's time on
     * password hashing while the test waits for it.
     */
    private Optional<Operation> runningOperation(Path serveLog, int port) {
        try {
            if (client == null) {
                Matcher printed = INITIAL_PASSWORD.matcher(Files.readString(serveLog));
                if (!printed.find()) {
                    return Optional.empty();
                }
                URI server = URI.create("http://127.0.0.1:" + port);
                client = new DriftlessClient(server, DriftlessClient.signIn(server, "admin", printed.group(1)).token());
            }
            return client.history(APP, 1).stream().findFirst().filter(operation -> operation.phase().equals("RUNNING"));
        } catch (ClientException | IOException notServingYet) {
            return Optional.empty();
        }
    }

    private Optional<GenericKubernetesResource> hookJob() {
        return Optional.ofNullable(mock.client().genericKubernetesResources(JOBS).inNamespace(NAMESPACE)
                .withName("migrate").get());
    }

    private Optional<ApplicationStatus> status() {
        return restarted.service().application(APP).flatMap(ApplicationView::status);
    }

    private List<String> actions() {
        return restarted.service().events(new EventQuery(APP, null, PageRequest.first(100))).items().stream()
                .map(AuditEvent::action).toList();
    }

    private Map<String, Map<String, String>> configMapData() {
        return mock.client().configMaps().inNamespace(NAMESPACE).list().getItems().stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), ConfigMap::getData));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls until the condition yields a value; on timeout the failure carries the served process's log. */
    private <T> T await(String what, Path serveLog, Supplier<Optional<T>> condition) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Optional<T> value = condition.get();
        while (value.isEmpty()) {
            if (serveProcess != null && !serveProcess.isAlive()) {
                throw new AssertionError("driftless serve exited with " + serveProcess.exitValue() + " while waiting for "
                        + what + "; its log:\n" + Files.readString(serveLog));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what
                        + "; the killed process's log:\n" + Files.readString(serveLog));
            }
            Thread.sleep(100);
            value = condition.get();
        }
        return value.get();
    }
}
