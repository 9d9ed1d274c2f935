package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.app.SyncWindow;
import dev.driftless.engine.cluster.ApplyMode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.HealthStatus;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.sync.Hook;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconcile loop against fabric8's CRUD mock and real Git repositories. */
class ApplicationControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String NAMESPACE = "shop";
    private static final ResourceDefinitionContext DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("apps").withVersion("v1").withKind("Deployment").withPlural("deployments").withNamespaced(true).build();

    @TempDir
    Path tempDir;

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final InMemoryOperationLog log = new InMemoryOperationLog();
    private final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
    private GitServers servers;
    private GitTestRepo repo;
    private ApplicationController controller;

    @BeforeEach
    void createRepository() {
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        servers.close();
        cluster.close();
        mock.close();
    }

    // --- fixtures ---

    private String commitConfig(String path, String name, String mode) {
        return repo.commit("set " + name + " to " + mode)
                .write(path + "/config.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: %s}
                        data: {mode: %s}
                        """.formatted(name, mode))
                .create();
    }

    private ApplicationSpec app(String name, String url, String path, SyncPolicy policy) {
        return new ApplicationSpec(name, null, Map.of(), new SourceSpec(url, "main", path, null),
                new DestinationSpec("local", NAMESPACE), policy, List.of(), Set.of());
    }

    private static SyncPolicy automated(boolean selfHeal) {
        return new SyncPolicy(true, true, selfHeal, false, true, SyncPolicy.Retry.defaults(), List.of());
    }

    private ApplicationController controller(ControllerSettings settings) {
        controller = new ApplicationController(settings,
                ClusterProvider.of(Map.of("local", new ClusterConnection(cluster, mock.client(), Map.of("env", "test")))),
                List.of(), log, events::add, new GitSource(tempDir.resolve("cache")), new Renderers());
        return controller;
    }

    private ApplicationController controller() {
        return controller(ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)));
    }

    private Optional<String> liveMode(String name) {
        ConfigMap live = mock.client().configMaps().inNamespace(NAMESPACE).withName(name).get();
        return Optional.ofNullable(live).map(map -> map.getData().get("mode"));
    }

    private ApplicationStatus status(String app) {
        return controller.status(app).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private List<OperationRecord> history(String app) {
        return log.history(app, 100);
    }

    private static OperationRecord finish(CompletableFuture<OperationRecord> operation)
            throws Exception {
        return operation.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    // --- tests ---

    @Test
    void anAutomatedApplicationSyncsOnStartAndRecordsTheCommit() throws Exception {
        String sha = repo.commit("first web config").author("Ada", "ada@example.com", Instant.parse("2025-01-02T03:04:05Z"))
                .write("apps/web/config.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: web}, data: {mode: fast}}")
                .create();
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));

        await("web Synced", () -> status("web").sync() == ApplicationStatus.Sync.SYNCED);

        assertThat(liveMode("web")).contains("fast");
        OperationRecord operation = history("web").getFirst();
        assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(operation.initiatedBy()).isEqualTo("automated");
        assertThat(operation.revision()).isEqualTo(sha);
        assertThat(operation.commit().author().name()).isEqualTo("Ada");
        assertThat(operation.commit().message()).isEqualTo("first web config");
        assertThat(operation.resources()).extracting(result -> result.key().kind() + " " + result.action())
                .contains("ConfigMap CREATED");
        assertThat(status("web").revision().orElseThrow().sha()).isEqualTo(sha);
        assertThat(status("web").lastOperation()).contains(operation);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(ApplicationEvent.SyncSucceeded.class));
    }

    @Test
    void pollingPicksUpANewCommit() throws Exception {
        commitConfig("apps/web", "web", "v1");
        controller(ControllerSettings.defaults().withPollInterval(Duration.ofMillis(200)))
                .start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));
        await("v1 live", () -> liveMode("web").equals(Optional.of("v1")));

        String v2 = commitConfig("apps/web", "web", "v2");

        await("v2 live", () -> liveMode("web").equals(Optional.of("v2")));
        await("status at v2", () -> status("web").revision().orElseThrow().sha().equals(v2));
    }

    @Test
    void aPolledCommitRefreshesOnlyTheApplicationsWhosePathsItTouches() throws Exception {
        String v1 = commitConfig("apps/web", "web", "v1");
        commitConfig("apps/api", "api", "v1");
        controller(ControllerSettings.defaults().withPollInterval(Duration.ofMillis(200)))
                .start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false)),
                        app("api", repo.fileUrl(), "apps/api", automated(false))));
        await("both synced", () -> controller.statuses().stream()
                .allMatch(status -> status.sync() == ApplicationStatus.Sync.SYNCED));
        String webCompared = status("web").revision().orElseThrow().sha();

        String v2 = commitConfig("apps/api", "api", "v2");

        await("api v2 live", () -> liveMode("api").equals(Optional.of("v2")));
        await("api compared at v2", () -> status("api").revision().orElseThrow().sha().equals(v2));
        Thread.sleep(1000);
        assertThat(status("web").revision().orElseThrow().sha()).as("web was not refreshed by polls of v2")
                .isEqualTo(webCompared).isNotEqualTo(v2);
        assertThat(webCompared).as("web was compared at api's first commit, after its own").isNotEqualTo(v1);
    }

    @Test
    void aPushRefreshesTheApplicationsOfThatRepositoryBranchAndPaths() throws Exception {
        commitConfig("apps/web", "web", "v1");
        commitConfig("apps/api", "api", "v1");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false)),
                app("api", repo.fileUrl(), "apps/api", automated(false))));
        await("both synced", () -> controller.statuses().stream()
                .allMatch(status -> status.sync() == ApplicationStatus.Sync.SYNCED));
        int webOperations = history("web").size();

        String v2 = commitConfig("apps/api", "api", "v2");
        String otherSpelling = repo.directory().toString() + "/";

        assertThat(controller.onPush(otherSpelling, "refs/heads/other", v2, List.of("apps/api/config.yaml"), spec -> true)).isEmpty();
        assertThat(controller.onPush(otherSpelling, "refs/heads/main", v2, List.of("apps/api/config.yaml"), spec -> true))
                .containsExactly("api");
        await("api v2 live", () -> liveMode("api").equals(Optional.of("v2")));
        // A push that lists no paths refreshes every application of the branch not yet compared at that commit:
        // api already is; web may have been compared at v2 already by a watch event, which is just as good.
        assertThat(controller.onPush(otherSpelling, "refs/heads/main", v2, List.of(), spec -> true)).doesNotContain("api");
        await("web compared at v2", () -> status("web").revision().orElseThrow().sha().equals(v2));
        assertThat(history("web")).hasSize(webOperations);
    }

    @Test
    void aPushRefreshesOnlyTheKustomizeApplicationWhoseBaseChanged() throws Exception {
        GitTestRepo.Commit first = repo.commit("two overlays on two bases");
        for (String name : List.of("a", "b")) {
            first.write("bases/" + name + "/kustomization.yaml", "resources:\n- config.yaml\n")
                    .write("bases/" + name + "/config.yaml", """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: %s}
                            data: {mode: v1}
                            """.formatted(name))
                    .write("overlays/" + name + "/kustomization.yaml", "resources:\n- ../../bases/" + name + "\n");
        }
        first.create();
        controller().start(List.of(app("a", repo.fileUrl(), "overlays/a", automated(false)),
                app("b", repo.fileUrl(), "overlays/b", automated(false))));
        await("both synced", () -> controller.statuses().stream()
                .allMatch(status -> status.sync() == ApplicationStatus.Sync.SYNCED));

        String v2 = commitConfig("bases/b", "b", "v2");

        assertThat(controller.onPush(repo.fileUrl(), "refs/heads/main", v2, List.of("bases/b/config.yaml"), spec -> true))
                .containsExactly("b");
        await("b v2 live", () -> liveMode("b").equals(Optional.of("v2")));
        await("b compared at v2", () -> status("b").revision().orElseThrow().sha().equals(v2));
        String v3 = repo.commit("files no build reads").write("bases/b/README.md", "notes")
                .write("overlays/c/kustomization.yaml", "resources: []\n").create();
        assertThat(controller.onPush(repo.fileUrl(), "refs/heads/main", v3, List.of("bases/b/README.md",
                "overlays/c/kustomization.yaml"), spec -> true)).isEmpty();
    }

    @Test
    void selfHealRevertsAChangeMadeInTheCluster() throws Exception {
        commitConfig("apps/web", "web", "fast");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(true))));
        await("synced", () -> liveMode("web").equals(Optional.of("fast")));

        mock.client().configMaps().inNamespace(NAMESPACE).withName("web")
                .edit(map -> {
                    map.getData().put("mode", "hand-edited");
                    return map;
                });

        await("reverted", () -> events.stream().anyMatch(ApplicationEvent.DriftReverted.class::isInstance));
        assertThat(liveMode("web")).contains("fast");
        assertThat(history("web").getFirst().initiatedBy()).isEqualTo("self-heal");
    }

    @Test
    void withoutSelfHealADriftIsReportedAndLeftAlone() throws Exception {
        commitConfig("apps/web", "web", "fast");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));
        await("synced", () -> status("web").sync() == ApplicationStatus.Sync.SYNCED);
        int operations = history("web").size();

        mock.client().configMaps().inNamespace(NAMESPACE).withName("web")
                .edit(map -> {
                    map.getData().put("mode", "hand-edited");
                    return map;
                });

        await("drift reported", () -> events.stream().anyMatch(ApplicationEvent.DriftDetected.class::isInstance));
        ApplicationStatus status = status("web");
        assertThat(status.sync()).isEqualTo(ApplicationStatus.Sync.OUT_OF_SYNC);
        ResourceStatus drifted = status.resources().stream()
                .filter(resource -> resource.sync() == SyncState.OUT_OF_SYNC).findFirst().orElseThrow();
        assertThat(drifted.key()).isEqualTo(new ResourceKey("", "ConfigMap", NAMESPACE, "web"));
        assertThat(drifted.drift()).anySatisfy(field -> assertThat(field.path()).isEqualTo("data.mode"));
        assertThat(liveMode("web")).contains("hand-edited");
        assertThat(history("web")).hasSize(operations);
    }

    @Test
    void aManualApplicationWaitsForAnExplicitSync() throws Exception {
        commitConfig("apps/web", "web", "fast");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", SyncPolicy.manual())));

        await("compared", () -> status("web").sync() == ApplicationStatus.Sync.OUT_OF_SYNC);
        assertThat(liveMode("web")).isEmpty();
        assertThat(history("web")).isEmpty();

        OperationRecord operation = finish(controller.sync("web", SyncRequest.by("user:alice")));

        assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(operation.initiatedBy()).isEqualTo("user:alice");
        assertThat(liveMode("web")).contains("fast");
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
    }

    @Test
    void aManualSyncCanBeADryRunOrASubsetAndRejectsUnknownResources() throws Exception {
        commitConfig("apps/web", "web", "fast");
        commitConfig("apps/web/more", "other", "slow");
        ApplicationSpec spec = new ApplicationSpec("web", null, Map.of(),
                new SourceSpec(repo.fileUrl(), "main", "apps/web",
                        new RenderOptions.Directory(true, List.of(), List.of())),
                new DestinationSpec("local", NAMESPACE), SyncPolicy.manual(), List.of(), Set.of());
        controller().start(List.of(spec));
        await("compared", () -> status("web").sync() == ApplicationStatus.Sync.OUT_OF_SYNC);
        ResourceKey web = new ResourceKey("", "ConfigMap", NAMESPACE, "web");

        OperationRecord dryRun = finish(controller.sync("web",
                new SyncRequest(Optional.empty(), Optional.empty(), true, Set.of(), "user:alice")));
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(liveMode("web")).isEmpty();

        OperationRecord subset = finish(controller.sync("web",
                new SyncRequest(Optional.empty(), Optional.empty(), false, Set.of(web), "user:alice")));
        assertThat(subset.resources()).extracting(result -> result.key().name()).containsExactly("web");
        assertThat(liveMode("web")).contains("fast");
        assertThat(liveMode("other")).isEmpty();

        ResourceKey missing = new ResourceKey("", "ConfigMap", NAMESPACE, "nope");
        assertThatThrownBy(() -> finish(controller.sync("web",
                new SyncRequest(Optional.empty(), Optional.empty(), false, Set.of(missing), "user:alice"))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> controller.sync("ghost", SyncRequest.by("user:alice")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
    }

    @Test
    void aDenyWindowDefersAnAutomatedSyncAndShowsWhatWaits() throws Exception {
        commitConfig("apps/web", "web", "fast");
        Clock tenThirty = Clock.fixed(Instant.parse("2025-03-03T10:30:00Z"), ZoneOffset.UTC);
        SyncWindow deny = new SyncWindow(SyncWindow.Kind.DENY, "0 10 * * *", Duration.ofHours(1), List.of(), List.of(), false);
        SyncPolicy policy = new SyncPolicy(true, true, true, false, true, SyncPolicy.Retry.defaults(), List.of(deny));
        controller(ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)).withClock(tenThirty))
                .start(List.of(app("web", repo.fileUrl(), "apps/web", policy)));

        await("waiting", () -> status("web").waiting().isPresent());

        ApplicationStatus.Waiting waiting = status("web").waiting().orElseThrow();
        assertThat(waiting.what()).startsWith("automated sync to " + repo.sha("main").substring(0, 7));
        assertThat(waiting.until()).contains(Instant.parse("2025-03-03T11:00:00Z"));
        assertThat(waiting.why()).contains("deny window");
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.OUT_OF_SYNC);
        assertThat(liveMode("web")).isEmpty();
        assertThatThrownBy(() -> finish(controller.sync("web", SyncRequest.by("user:alice"))))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("forbids manual syncs");
        assertThat(history("web")).isEmpty();
    }

    @Test
    void rollbackRestoresAnEarlierRevisionAndTurnsAutomationOffUntilResumed() throws Exception {
        commitConfig("apps/web", "web", "v1");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));
        await("v1 live", () -> liveMode("web").equals(Optional.of("v1")));
        OperationRecord first = history("web").getFirst();
        String v2 = commitConfig("apps/web", "web", "v2");
        controller.onPush(repo.fileUrl(), "refs/heads/main", v2, List.of(), spec -> true);
        await("v2 live", () -> liveMode("web").equals(Optional.of("v2")));

        OperationRecord rollback = finish(controller.rollback("web", first.id()));

        assertThat(rollback.initiatedBy()).isEqualTo("rollback");
        assertThat(rollback.revision()).isEqualTo(first.revision());
        assertThat(liveMode("web")).contains("v1");
        assertThat(status("web").rollback()).contains(new ApplicationStatus.Rollback(first.revision(), first.id()));

        String v3 = commitConfig("apps/web", "web", "v3");
        assertThat(controller.onPush(repo.fileUrl(), "refs/heads/main", v3, List.of(), spec -> true)).isEmpty();
        controller.refresh("web");
        await("compared again", () -> status("web").reconciledAt().isAfter(rollback.finishedAt()));
        assertThat(liveMode("web")).contains("v1");

        controller.resumeAutomation("web");

        await("v3 live", () -> liveMode("web").equals(Optional.of("v3")));
        assertThat(status("web").rollback()).isEmpty();
        assertThatThrownBy(() -> controller.rollback("web", 999))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no operation 999");
    }

    @Test
    void aGitServerThatGoesDownLeavesTheClusterUntouchedAndShowsTheError() throws Exception {
        commitConfig("apps/web", "web", "fast");
        String url = servers.httpUrl(repo);
        controller().start(List.of(app("web", url, "apps/web", automated(true))));
        await("synced", () -> status("web").sync() == ApplicationStatus.Sync.SYNCED);
        await("settled", () -> mock.takeWrites().isEmpty() && status("web").lastOperation().isPresent());

        servers.close();
        controller.refresh("web");

        await("error shown", () -> !status("web").error().isEmpty());
        assertThat(status("web").error()).contains(url);
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
        OperationRecord manual = finish(controller.sync("web", SyncRequest.by("user:alice")));
        assertThat(manual.phase()).isEqualTo(OperationRecord.Phase.FAILED);
        assertThat(manual.message()).contains(url);
        assertThat(mock.takeWrites()).isEmpty();
        assertThat(liveMode("web")).contains("fast");
    }

    @Test
    void retriesStopAtTheLimit() throws Exception {
        commitConfig("apps/web", "web", "fast");
        SyncPolicy.Retry twice = new SyncPolicy.Retry(2, Duration.ofMillis(50), 2, Duration.ofMillis(200));
        SyncPolicy policy = new SyncPolicy(true, true, true, false, false, twice, List.of());
        // The mock has no server-side apply: forcing it makes every apply fail.
        controller(ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)).withApplyMode(ApplyMode.SERVER_SIDE))
                .start(List.of(app("web", repo.fileUrl(), "apps/web", policy)));

        await("gave up", () -> status("web").waiting().map(w -> w.why().startsWith("gave up")).orElse(false));
        assertThat(history("web")).hasSize(3)
                .allSatisfy(operation -> assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.FAILED));
        Instant gaveUp = status("web").reconciledAt();

        controller.refresh("web");
        await("compared again", () -> status("web").reconciledAt().isAfter(gaveUp));
        assertThat(history("web")).hasSize(3);
        assertThat(events.stream().filter(ApplicationEvent.SyncFailed.class::isInstance)).hasSize(3);
    }

    @Test
    void anOperationInterruptedByARestartIsFinishedAndSyncedAgain() throws Exception {
        String sha = commitConfig("apps/web", "web", "fast");
        OperationRecord interrupted = log.start(new OperationRecord(0, "web", sha, null, "automated",
                Instant.parse("2025-01-01T00:00:00Z"), null, OperationRecord.Phase.RUNNING, "", List.of(), true, false));

        List<OperationRecord> finished = controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));

        assertThat(finished).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo(interrupted.id());
            assertThat(record.phase()).isEqualTo(OperationRecord.Phase.FAILED);
            assertThat(record.message()).isEqualTo("interrupted by restart");
        });
        assertThat(log.unfinished()).isEmpty();
        await("synced again", () -> history("web").getFirst().phase() == OperationRecord.Phase.SUCCEEDED);
        assertThat(history("web")).hasSize(2);
        assertThat(liveMode("web")).contains("fast");
    }

    private static final ResourceDefinitionContext JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("batch").withVersion("v1").withKind("Job").withPlural("jobs").withNamespaced(true).build();

    private List<GenericKubernetesResource> liveJobs() {
        return mock.client().genericKubernetesResources(JOBS).inNamespace(NAMESPACE).list().getItems();
    }

    @Test
    void aRunningSyncShowsWhatItHasDoneAndLabelsItsHooksWithTheOperation() throws Exception {
        repo.commit("web with a smoke test").write("apps/web/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web}
                data: {mode: fast}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: smoke-
                  annotations: {driftless.dev/hook: PostSync, driftless.dev/hook-delete-policy: HookSucceeded}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: smoke, image: busybox}]}}}
                """).create();
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));

        await("the sync waiting for its PostSync hook", () -> !history("web").isEmpty() && !liveJobs().isEmpty());
        OperationRecord running = history("web").getFirst();
        assertThat(running.phase()).isEqualTo(OperationRecord.Phase.RUNNING);
        assertThat(running.resources()).extracting(result -> result.key().kind() + " " + result.action())
                .containsExactly("Namespace CREATED", "ConfigMap CREATED", "Job HOOK_CREATED");
        GenericKubernetesResource job = liveJobs().getFirst();
        assertThat(job.getMetadata().getLabels()).containsEntry(Hook.OPERATION_LABEL, String.valueOf(running.id()));
        assertThat(running.resources().getLast().key().name()).isEqualTo(job.getMetadata().getName());

        mock.writeStatus(JOBS, NAMESPACE, job.getMetadata().getName(),
                Documents.YAML.readTree("{succeeded: 1, conditions: [{type: Complete, status: 'True'}]}"));

        await("the sync finished", () -> history("web").getFirst().phase() != OperationRecord.Phase.RUNNING);
        OperationRecord finished = history("web").getFirst();
        assertThat(finished.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(finished.resources()).extracting(result -> result.key().kind() + " " + result.action())
                .containsExactly("Namespace CREATED", "ConfigMap CREATED", "Job HOOK_CREATED", "Job HOOK_SUCCEEDED",
                        "Job HOOK_DELETED");
        assertThat(liveJobs()).isEmpty();
    }

    /** A hook Job as a killed sync of application web left it: tracked by web, labelled with the operation. */
    private void leftHook(String name, String operation, String trackedBy, String deletePolicy) {
        Map<String, String> annotations = new HashMap<>(Map.of(Hook.ANNOTATION, "PreSync",
                Tracking.TRACKING_ANNOTATION, trackedBy + ":batch/Job:" + NAMESPACE + "/" + name));
        if (!deletePolicy.isEmpty()) {
            annotations.put(Hook.DELETE_POLICY_ANNOTATION, deletePolicy);
        }
        mock.client().batch().v1().jobs().inNamespace(NAMESPACE).resource(new JobBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of(Hook.OPERATION_LABEL, operation))
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("run").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private static ResourceResult created(String job) {
        return new ResourceResult(new ResourceKey("batch", "Job", NAMESPACE, job), SyncAction.HOOK_CREATED, "PreSync hook created");
    }

    @Test
    void aRestartDeletesTheHooksAKilledSyncLeftThatHaveADeletePolicyAndKeepsWhatItHadRecorded() throws Exception {
        String sha = commitConfig("apps/web", "web", "fast");
        OperationRecord killed = log.start(new OperationRecord(0, "web", sha, null, "automated",
                Instant.parse("2025-01-01T00:00:00Z"), null, OperationRecord.Phase.RUNNING, "", List.of(), true, false));
        String operation = String.valueOf(killed.id());
        List<ResourceResult> recorded = List.of(
                new ResourceResult(new ResourceKey("", "ConfigMap", NAMESPACE, "web"), SyncAction.CREATED, "created"),
                created("migrate-b2c4d"), created("seed-x7k9p"), created("kept-q2w4r"), created("rerun-m5n6p"),
                created("stolen-z8v7t"), created("gone-h3j4k"));
        recorded.forEach(result -> log.progress(killed.id(), result));
        leftHook("migrate-b2c4d", operation, "web", "HookSucceeded");
        leftHook("seed-x7k9p", operation, "web", "BeforeHookCreation,HookFailed");
        leftHook("kept-q2w4r", operation, "web", "");
        leftHook("rerun-m5n6p", operation + "0", "web", "HookSucceeded");
        leftHook("stolen-z8v7t", operation, "other-app", "HookSucceeded");
        leftHook("unrecorded-p9q8r", operation, "web", "HookSucceeded");

        List<OperationRecord> finished = controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));

        assertThat(liveJobs()).extracting(job -> job.getMetadata().getName()).as("kept: no delete policy, another"
                        + " operation's, another application's, and one the operation never recorded creating")
                .containsExactlyInAnyOrder("kept-q2w4r", "rerun-m5n6p", "stolen-z8v7t", "unrecorded-p9q8r");
        OperationRecord interrupted = finished.getFirst();
        assertThat(interrupted.message()).isEqualTo("interrupted by restart");
        assertThat(interrupted.resources()).startsWith(recorded.toArray(ResourceResult[]::new));
        assertThat(interrupted.resources().subList(recorded.size(), interrupted.resources().size()))
                .extracting(result -> result.key().name() + " " + result.action())
                .containsExactly("migrate-b2c4d HOOK_DELETED", "seed-x7k9p HOOK_DELETED", "stolen-z8v7t HOOK_FAILED");
        assertThat(log.find("web", killed.id())).contains(interrupted);
        await("synced again", () -> history("web").getFirst().phase() == OperationRecord.Phase.SUCCEEDED);
    }

    @Test
    void aDriftedSecretValueNeverReachesTheStatusOrTheEvents() throws Exception {
        repo.commit("secret").write("apps/db/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: git-secret-value}
                """).create();
        controller().start(List.of(app("db", repo.fileUrl(), "apps/db", automated(false))));
        await("synced", () -> status("db").sync() == ApplicationStatus.Sync.SYNCED);

        mock.client().secrets().inNamespace(NAMESPACE).withName("db").edit(secret -> {
            secret.setStringData(null);
            secret.setData(Map.of("password", Base64.getEncoder().encodeToString("hand-secret".getBytes(StandardCharsets.UTF_8))));
            return secret;
        });

        await("drift reported", () -> events.stream().anyMatch(ApplicationEvent.DriftDetected.class::isInstance));
        assertThat(status("db").sync()).isEqualTo(ApplicationStatus.Sync.OUT_OF_SYNC);
        String shown = status("db") + " " + events + " " + history("db");
        assertThat(shown).doesNotContain("git-secret-value").doesNotContain("hand-secret")
                .doesNotContain(Base64.getEncoder().encodeToString("hand-secret".getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(Base64.getEncoder().encodeToString("git-secret-value".getBytes(StandardCharsets.UTF_8)));
    }

    // --- ignoreDifferences, the render kept between compares, health and poll errors ---

    private static final IgnoreDifference REPLICAS =
            new IgnoreDifference("apps", "Deployment", "", "", List.of("/spec/replicas"));

    private String commitDeployment(String image) {
        return repo.commit("web runs " + image).write("apps/web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "%s"}]
                """.formatted(image)).create();
    }

    private Deployment liveDeployment() {
        return mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").get();
    }

    private void scaleLive(int replicas) {
        mock.client().apps().deployments().inNamespace(NAMESPACE).withName("web").edit(deployment -> {
            deployment.getSpec().setReplicas(replicas);
            return deployment;
        });
    }

    private ApplicationSpec withIgnores(ApplicationSpec spec, List<IgnoreDifference> ignores) {
        return new ApplicationSpec(spec.name(), null, Map.of(), spec.source(), spec.destination(), spec.syncPolicy(),
                ignores, Set.of());
    }

    @Test
    void anIgnoredFieldChangedLiveStaysSyncedAndASyncDoesNotWriteItBack() throws Exception {
        commitDeployment("nginx:1.25");
        controller().start(List.of(withIgnores(app("web", repo.fileUrl(), "apps/web", automated(true)), List.of(REPLICAS))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);
        int operations = history("web").size();
        Instant before = status("web").reconciledAt();

        scaleLive(5);

        await("compared after the scale", () -> status("web").reconciledAt().isAfter(before));
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
        assertThat(history("web")).hasSize(operations);

        String v2 = commitDeployment("nginx:1.27");
        controller.onPush(repo.fileUrl(), "refs/heads/main", v2, List.of(), spec -> true);

        await("v2 synced", () -> history("web").getFirst().revision().equals(v2)
                && history("web").getFirst().phase() == OperationRecord.Phase.SUCCEEDED);
        Deployment live = liveDeployment();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27");
        assertThat(live.getSpec().getReplicas()).isEqualTo(5);
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
    }

    @Test
    void theSameChangeWithoutARuleIsDrift() throws Exception {
        commitDeployment("nginx:1.25");
        controller().start(List.of(withIgnores(app("web", repo.fileUrl(), "apps/web", automated(false)),
                List.of(new IgnoreDifference("apps", "StatefulSet", "", "", List.of("/spec/replicas"))))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);

        scaleLive(5);

        await("out of sync", () -> status("web").sync() == ApplicationStatus.Sync.OUT_OF_SYNC);
        assertThat(status("web").resources()).flatExtracting(ResourceStatus::drift)
                .extracting(field -> field.path()).containsExactly("spec.replicas");
    }

    @Test
    void aBadIgnorePointerShowsAsTheApplicationsError() throws Exception {
        commitConfig("apps/web", "web", "fast");
        controller().start(List.of(withIgnores(app("web", repo.fileUrl(), "apps/web", automated(true)),
                List.of(new IgnoreDifference("", "ConfigMap", "", "", List.of("data/mode"))))));

        await("error shown", () -> !status("web").error().isEmpty());
        assertThat(status("web").error()).contains("ignoreDifferences[0]").contains("'data/mode'");
        assertThat(liveMode("web")).isEmpty();
    }

    @Test
    void aChangeInTheClusterIsComparedWithTheLastRenderWithoutGit() throws Exception {
        commitConfig("apps/web", "web", "fast");
        String url = servers.httpUrl(repo);
        controller().start(List.of(app("web", url, "apps/web", automated(true))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);

        servers.close();
        mock.client().configMaps().inNamespace(NAMESPACE).withName("web").edit(map -> {
            map.getData().put("mode", "hand-edited");
            return map;
        });

        await("reverted", () -> events.stream().anyMatch(ApplicationEvent.DriftReverted.class::isInstance));
        assertThat(liveMode("web")).contains("fast");
        assertThat(status("web").error()).isEmpty();

        controller.refresh("web");
        await("the refresh asked Git", () -> !status("web").error().isEmpty());
        assertThat(status("web").error()).contains(url);
    }

    @Test
    void aRenderHoldingASecretIsNotKeptSoAClusterChangeIsComparedWithGitAgain() throws Exception {
        commitConfig("apps/web", "web", "fast");
        repo.commit("secret").write("apps/web/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: web}
                stringData: {password: kept-nowhere}
                """).create();
        String url = servers.httpUrl(repo);
        controller().start(List.of(app("web", url, "apps/web", automated(true))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);

        servers.close();
        mock.client().configMaps().inNamespace(NAMESPACE).withName("web").edit(map -> {
            map.getData().put("mode", "hand-edited");
            return map;
        });

        await("the watch-triggered compare had to ask Git", () -> !status("web").error().isEmpty());
        assertThat(status("web").error()).contains(url);
        assertThat(liveMode("web")).as("nothing applied without a render").contains("hand-edited");
    }

    @Test
    void aDeploymentPastItsProgressDeadlineEmitsOneHealthDegradedEvent() throws Exception {
        commitDeployment("nginx:1.25");
        controller().start(List.of(app("web", repo.fileUrl(), "apps/web", automated(false))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);
        assertThat(status("web").health().status()).isNotEqualTo(HealthStatus.DEGRADED);

        long generation = Optional.ofNullable(liveDeployment().getMetadata().getGeneration()).orElse(0L);
        mock.writeStatus(DEPLOYMENTS, NAMESPACE, "web", Documents.YAML.readTree("""
                observedGeneration: %d
                replicas: 2
                updatedReplicas: 1
                conditions:
                  - {type: Progressing, status: "False", reason: ProgressDeadlineExceeded}
                """.formatted(generation)));

        await("degraded", () -> status("web").health().status() == HealthStatus.DEGRADED);
        Instant degradedAt = status("web").reconciledAt();
        controller.refresh("web");
        await("compared again", () -> status("web").reconciledAt().isAfter(degradedAt));
        assertThat(events).filteredOn(ApplicationEvent.HealthDegraded.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((ApplicationEvent.HealthDegraded) event).message())
                        .contains("exceeded its progress deadline"));
    }

    @Test
    void aFailedPollShowsInTheStatusUntilAPollSucceeds() throws Exception {
        commitConfig("apps/web", "web", "fast");
        controller(ControllerSettings.defaults().withPollInterval(Duration.ofMillis(100)))
                .start(List.of(app("web", repo.fileUrl(), "apps/web", automated(true))));
        await("synced", () -> status("web").lastOperation().isPresent() && status("web").sync() == ApplicationStatus.Sync.SYNCED);
        Path away = tempDir.resolve("moved-away");

        Files.move(repo.directory(), away);
        await("poll error shown", () -> !status("web").error().isEmpty());
        assertThat(status("web").sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
        assertThat(liveMode("web")).contains("fast");

        Files.move(away, repo.directory());
        await("poll error cleared", () -> status("web").error().isEmpty());
    }
}
