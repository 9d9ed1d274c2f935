package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ApplyMode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.Differ;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hooks and waves against fabric8's CRUD mock. The mock has no controllers, so {@link Controllers} plays the Job and
 * Deployment controllers from a background thread while the sync runs; the order of events is read from the mock's
 * request log, which records the executor's writes and the controllers' status writes alike.
 */
class HooksAndWavesTest {

    private static final String APP = "shop";
    private static final String JOBS = "/apis/batch/v1/namespaces/shop/jobs";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/shop/deployments";
    private static final SyncOptions OPTIONS = SyncOptions.defaults("shop")
            .withApplyMode(ApplyMode.CLIENT_SIDE)
            .withWaitTimeout(Duration.ofSeconds(20))
            .withPollInterval(Duration.ofMillis(20));

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final ResourceMapper mapper = cluster.discover();
    private final List<ResourceResult> events = new ArrayList<>();
    private final Controllers controllers = new Controllers();

    @AfterEach
    void stop() throws InterruptedException {
        controllers.close();
        cluster.close();
        mock.close();
    }

    /** Plays the Job and Deployment controllers until closed. */
    private final class Controllers implements AutoCloseable {
        /** Job name prefix to the condition its Job ends with; Jobs matching none keep running. */
        private final Map<String, String> jobEndings = new ConcurrentHashMap<>();
        private final Set<String> stuckDeployments = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> timesSeen = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private volatile RuntimeException failure;
        private final Thread thread = Thread.ofVirtual().start(this::loop);

        private void loop() {
            try {
                while (running) {
                    finishJobs();
                    rollOutDeployments();
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private void finishJobs() {
            ResourceDefinitionContext type = type("batch", "Job");
            for (GenericKubernetesResource job : mock.client().genericKubernetesResources(type).inNamespace("shop").list().getItems()) {
                String name = job.getMetadata().getName();
                if (job.getAdditionalProperties().containsKey("status")) {
                    continue;
                }
                jobEndings.entrySet().stream().filter(ending -> name.startsWith(ending.getKey())).findFirst()
                        .ifPresent(ending -> mock.writeStatus(type, "shop", name, yaml(ending.getValue().equals("Complete")
                                ? "{succeeded: 1, conditions: [{type: Complete, status: 'True'}]}"
                                : "{failed: 1, conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded,"
                                + " message: 'Job has reached the specified backoff limit'}]}")));
            }
        }

        /** Rolls a Deployment out only after seeing it a few times, so a sync that did not wait would run ahead. */
        private void rollOutDeployments() {
            ResourceDefinitionContext type = type("apps", "Deployment");
            for (GenericKubernetesResource deployment : mock.client().genericKubernetesResources(type).inNamespace("shop").list().getItems()) {
                String name = deployment.getMetadata().getName();
                if (deployment.getAdditionalProperties().containsKey("status") || stuckDeployments.contains(name)
                        || timesSeen.merge(name, 1, Integer::sum) < 3) {
                    continue;
                }
                long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
                mock.writeStatus(type, "shop", name, yaml(("{observedGeneration: %d, replicas: 1, updatedReplicas: 1,"
                        + " availableReplicas: 1, readyReplicas: 1}").formatted(generation)));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            if (failure != null) {
                throw new AssertionError("the test's controllers failed", failure);
            }
        }
    }

    private ResourceDefinitionContext type(String group, String kind) {
        return mapper.resolve(new ResourceKey(group, kind, "", "any")).context();
    }

    private static JsonNode yaml(String text) {
        try {
            return Documents.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Manifest job(String nameField, String annotations) {
        return manifest("""
                apiVersion: batch/v1
                kind: Job
                metadata: {%s, annotations: {%s}}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: run, image: "tools:1"}]}}}
                """.formatted(nameField, annotations));
    }

    private static Manifest hookJob(String name, String phases) {
        return job("name: " + name, "%s: '%s'".formatted(Hook.ANNOTATION, phases));
    }

    private static Manifest deployment(String name, int wave) {
        return manifest("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, annotations: {%s: '%d'}}
                spec: {replicas: 1, template: {spec: {containers: [{name: web, image: "web:1"}]}}}
                """.formatted(name, Tracking.SYNC_WAVE_ANNOTATION, wave));
    }

    private static Manifest configMap(String name, int wave) {
        return manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: %s, annotations: {%s: '%d'}}, data: {a: b}}"
                .formatted(name, Tracking.SYNC_WAVE_ANNOTATION, wave));
    }

    /** As the reconcile loop does: live state and diff for the resources only, the plan from everything desired. */
    private SyncResult sync(List<Manifest> rendered, SyncOptions options) {
        List<Manifest> desired = NamespaceAssignment.assign(rendered, options.destinationNamespace(), mapper);
        List<Manifest> resources = Hook.withoutHooks(desired);
        Map<ResourceKey, ObjectNode> live = cluster.liveState(APP, resources, mapper);
        List<ResourceDiff> diffs = Differ.diffAll(APP, resources, live);
        SyncPlan plan = Planner.plan(APP, desired, diffs, options);
        mock.takeRequests();
        return new SyncExecutor(cluster, mapper).execute(plan, options, events::add);
    }

    private Optional<ObjectNode> live(String group, String kind, String name) {
        ResourceKey key = new ResourceKey(group, kind, "shop", name);
        return cluster.get(mapper.resolve(key), key);
    }

    private static List<String> summary(SyncResult result) {
        return result.resources().stream().map(r -> r.key().kind() + " " + r.key().name() + " " + r.action()).toList();
    }

    @Test
    void aPreSyncJobRunsToCompletionBeforeTheDeploymentIsApplied() throws InterruptedException {
        controllers.jobEndings.put("migrate", "Complete");

        SyncResult result = sync(List.of(deployment("web", 0), hookJob("migrate", "PreSync")), OPTIONS);
        controllers.close();

        assertThat(result.failures()).isEmpty();
        assertThat(summary(result)).containsExactly(
                "Job migrate HOOK_CREATED", "Job migrate HOOK_SUCCEEDED", "Deployment web CREATED");
        assertThat(events).isEqualTo(result.resources());
        List<String> writes = mock.takeWrites();
        assertThat(writes).containsSubsequence("POST " + JOBS, "PUT " + JOBS + "/migrate/status", "POST " + DEPLOYMENTS);
        JsonNode hook = live("batch", "Job", "migrate").orElseThrow();
        assertThat(hook.at("/metadata/annotations").path(Tracking.TRACKING_ANNOTATION).asText())
                .isEqualTo("shop:batch/Job:shop/migrate");
        assertThat(hook.at("/metadata/labels").path(Tracking.APP_LABEL).isMissingNode())
                .as("without the application label, listing the application's objects never finds a hook").isTrue();
    }

    @Test
    void aPostSyncJobRunsOnlyOnceTheDeploymentIsHealthyAndIsDeletedWhenItSucceeds() throws InterruptedException {
        controllers.jobEndings.put("smoke", "Complete");
        Manifest smoke = job("name: smoke", "%s: PostSync, %s: HookSucceeded".formatted(Hook.ANNOTATION, Hook.DELETE_POLICY_ANNOTATION));

        SyncResult result = sync(List.of(deployment("web", 0), smoke), OPTIONS);
        controllers.close();

        assertThat(result.failures()).isEmpty();
        assertThat(summary(result)).containsExactly("Deployment web CREATED",
                "Job smoke HOOK_CREATED", "Job smoke HOOK_SUCCEEDED", "Job smoke HOOK_DELETED");
        assertThat(mock.takeWrites()).containsSubsequence("POST " + DEPLOYMENTS, "PUT " + DEPLOYMENTS + "/web/status",
                "POST " + JOBS, "PUT " + JOBS + "/smoke/status", "DELETE " + JOBS + "/smoke");
        assertThat(live("batch", "Job", "smoke")).isEmpty();
    }

    @Test
    void aFailedPreSyncJobStopsTheSyncAndRunsTheSyncFailHooks() throws InterruptedException {
        controllers.jobEndings.put("migrate", "Failed");
        controllers.jobEndings.put("alert", "Complete");
        Manifest migrate = job("name: migrate", "%s: PreSync, %s: HookFailed".formatted(Hook.ANNOTATION, Hook.DELETE_POLICY_ANNOTATION));
        Manifest smoke = hookJob("smoke", "PostSync");

        SyncResult result = sync(List.of(deployment("web", 0), migrate, smoke, hookJob("alert", "SyncFail")), OPTIONS);
        controllers.close();

        assertThat(result.succeeded()).isFalse();
        assertThat(summary(result)).containsExactly(
                "Job migrate HOOK_CREATED", "Job migrate HOOK_FAILED", "Job migrate HOOK_DELETED",
                "Deployment web SKIPPED", "Job smoke SKIPPED",
                "Job alert HOOK_CREATED", "Job alert HOOK_SUCCEEDED");
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .isEqualTo("PreSync hook failed: Degraded (BackoffLimitExceeded: Job has reached the specified backoff limit)"));
        List<String> writes = mock.takeWrites();
        assertThat(writes).noneMatch(write -> write.startsWith("POST " + DEPLOYMENTS));
        assertThat(writes).containsSubsequence("DELETE " + JOBS + "/migrate", "POST " + JOBS);
        assertThat(live("batch", "Job", "migrate")).isEmpty();
        assertThat(live("batch", "Job", "alert")).isPresent();
        assertThat(live("apps", "Deployment", "web")).isEmpty();
    }

    @Test
    void beforeHookCreationDeletesThePreviousInstanceBeforeCreatingTheNext() {
        controllers.jobEndings.put("migrate", "Complete");
        List<Manifest> desired = List.of(configMap("settings", 0), hookJob("migrate", "PreSync"));
        sync(desired, OPTIONS);
        String firstUid = live("batch", "Job", "migrate").orElseThrow().at("/metadata/uid").asText();

        SyncResult again = sync(desired, OPTIONS);

        assertThat(summary(again)).containsExactly("ConfigMap settings UNCHANGED",
                "Job migrate HOOK_DELETED", "Job migrate HOOK_CREATED", "Job migrate HOOK_SUCCEEDED");
        assertThat(mock.takeWrites()).containsSubsequence("DELETE " + JOBS + "/migrate", "POST " + JOBS);
        assertThat(live("batch", "Job", "migrate").orElseThrow().at("/metadata/uid").asText()).isNotEqualTo(firstUid);
    }

    @Test
    void beforeHookCreationNeverDeletesAnObjectThisApplicationDidNotCreate() {
        cluster.apply(NamespaceAssignment.assign(List.of(job("name: migrate", "owner: someone-else")), "shop", mapper).getFirst(),
                mapper, ApplyMode.CLIENT_SIDE);
        mock.takeRequests();

        SyncResult result = sync(List.of(configMap("settings", 0), hookJob("migrate", "PreSync")), OPTIONS);

        assertThat(result.succeeded()).isFalse();
        assertThat(summary(result)).containsExactly("Job migrate HOOK_FAILED", "ConfigMap settings SKIPPED");
        assertThat(result.failures().getFirst().message())
                .startsWith("PreSync hook: cannot delete the previous instance: refusing to delete batch/Job:shop/migrate");
        assertThat(mock.takeWrites()).isEmpty();
        assertThat(live("batch", "Job", "migrate").orElseThrow().at("/metadata/annotations/owner").asText())
                .isEqualTo("someone-else");
    }

    @Test
    void aHookWithGenerateNameGetsANewNameEveryRunAndIsNeverPruned() {
        controllers.jobEndings.put("migrate-", "Complete");
        List<Manifest> desired = List.of(configMap("settings", 0),
                job("generateName: migrate-", Hook.ANNOTATION + ": PreSync"));

        SyncResult first = sync(desired, OPTIONS);
        SyncResult second = sync(desired, OPTIONS.withPrune(true));

        String firstName = first.resources().getFirst().key().name();
        String secondName = second.resources().get(1).key().name();
        assertThat(summary(first)).containsExactly("Job %s HOOK_CREATED".formatted(firstName),
                "Job %s HOOK_SUCCEEDED".formatted(firstName), "ConfigMap settings CREATED");
        assertThat(summary(second)).containsExactly("ConfigMap settings UNCHANGED",
                "Job %s HOOK_CREATED".formatted(secondName), "Job %s HOOK_SUCCEEDED".formatted(secondName));
        assertThat(firstName).matches("migrate-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(secondName).matches("migrate-[bcdfghjklmnpqrstvwxz2456789]{5}").isNotEqualTo(firstName);
        assertThat(live("batch", "Job", firstName)).as("not pruned by the second sync").isPresent();
        assertThat(live("batch", "Job", secondName)).isPresent();
    }

    @Test
    void waveOneStartsOnlyOnceWaveZeroIsHealthy() throws InterruptedException {
        SyncResult result = sync(List.of(deployment("db", 0), configMap("app", 1)), OPTIONS);
        controllers.close();

        assertThat(result.failures()).isEmpty();
        assertThat(summary(result)).containsExactly("Deployment db CREATED", "ConfigMap app CREATED");
        assertThat(result.written().keySet()).extracting(ResourceKey::name)
                .as("a waited-for wave's answers are out of date by the end of the sync").containsExactly("app");
        assertThat(mock.takeWrites()).containsSubsequence(
                "POST " + DEPLOYMENTS, "PUT " + DEPLOYMENTS + "/db/status", "POST /api/v1/namespaces/shop/configmaps");
    }

    @Test
    void aWaveThatDoesNotBecomeHealthyInTimeFailsTheSyncNamingTheObjectAndItsHealth() throws InterruptedException {
        controllers.stuckDeployments.add("db");
        controllers.jobEndings.put("alert", "Complete");
        SyncOptions impatient = OPTIONS.withWaitTimeout(Duration.ofMillis(300));

        SyncResult result = sync(List.of(deployment("db", 0), configMap("app", 1), hookJob("alert", "SyncFail")), impatient);
        controllers.close();

        assertThat(result.succeeded()).isFalse();
        assertThat(summary(result)).containsExactly("Deployment db CREATED", "Deployment db FAILED",
                "ConfigMap app SKIPPED", "Job alert HOOK_CREATED", "Job alert HOOK_SUCCEEDED");
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.message()).isEqualTo(
                "apps/Deployment:shop/db did not become healthy within 300ms: Progressing (Waiting for rollout to finish:"
                        + " observed deployment generation less than desired generation); wave 0 was not healthy, so wave 1 did not start"));
        assertThat(mock.takeWrites()).noneMatch(write -> write.contains("/configmaps"));
    }

    @Test
    void objectsWithoutHealthRulesLetTheNextWaveStartAtOnce() throws InterruptedException {
        controllers.close();

        SyncResult result = sync(List.of(configMap("first", 0), configMap("second", 1)), OPTIONS);

        assertThat(summary(result)).containsExactly("ConfigMap first CREATED", "ConfigMap second CREATED");
        assertThat(mock.takeRequests()).extracting(request -> request.getMethod() + " " + request.getPath())
                .containsSubsequence("POST /api/v1/namespaces/shop/configmaps",
                        "GET /api/v1/namespaces/shop/configmaps/first",
                        "POST /api/v1/namespaces/shop/configmaps")
                .as("one health read between the waves; the create needs no read of an object the compare saw missing")
                .filteredOn(request -> request.equals("GET /api/v1/namespaces/shop/configmaps/first")).hasSize(1);
    }

    @Test
    void aSyncWithNothingToDoWritesNothingAndWaitsForNothing() throws InterruptedException {
        List<Manifest> desired = List.of(deployment("db", 0), configMap("app", 1));
        sync(desired, OPTIONS);
        controllers.close();

        SyncResult again = sync(desired, OPTIONS.withPrune(true));

        assertThat(again.succeeded()).isTrue();
        assertThat(summary(again)).containsExactly("ConfigMap app UNCHANGED", "Deployment db UNCHANGED");
        assertThat(mock.takeRequests()).as("not even a read: nothing is applied, so no health is waited for").isEmpty();
    }

    @Test
    void aDryRunReportsTheHooksItWouldRunAndTouchesNothing() throws InterruptedException {
        controllers.close();
        List<Manifest> desired = List.of(deployment("db", 0), configMap("app", 1),
                hookJob("migrate", "PreSync"), hookJob("smoke", "PostSync"), hookJob("alert", "SyncFail"),
                job("generateName: seed-", Hook.ANNOTATION + ": Sync"));

        SyncResult result = sync(desired, OPTIONS.withDryRun(true));

        assertThat(result.dryRun()).isTrue();
        assertThat(summary(result)).containsExactly("Job migrate HOOK_CREATED", "Deployment db CREATED",
                "Job seed- HOOK_CREATED", "ConfigMap app CREATED", "Job smoke HOOK_CREATED");
        assertThat(result.resources()).allSatisfy(r -> assertThat(r.message()).startsWith("dry run"));
        assertThat(mock.takeRequests()).isEmpty();
    }

    @Test
    void aSyncHookRunsWithItsWaveAndTheNextWaveWaitsForIt() throws InterruptedException {
        controllers.jobEndings.put("seed", "Complete");
        Manifest seed = job("name: seed", "%s: Sync, %s: '1'".formatted(Hook.ANNOTATION, Tracking.SYNC_WAVE_ANNOTATION));

        SyncResult result = sync(List.of(configMap("first", 0), seed, configMap("last", 2)), OPTIONS);
        controllers.close();

        assertThat(result.failures()).isEmpty();
        assertThat(summary(result)).containsExactly("ConfigMap first CREATED",
                "Job seed HOOK_CREATED", "Job seed HOOK_SUCCEEDED", "ConfigMap last CREATED");
        assertThat(mock.takeWrites()).containsSubsequence("POST /api/v1/namespaces/shop/configmaps",
                "POST " + JOBS, "PUT " + JOBS + "/seed/status", "POST /api/v1/namespaces/shop/configmaps");
    }

    @Test
    void aHookThatNeverCompletesFailsTheSyncWhenTheWaitRunsOut() throws InterruptedException {
        SyncResult result = sync(List.of(configMap("settings", 0), hookJob("migrate", "PreSync")),
                OPTIONS.withWaitTimeout(Duration.ofMillis(200)));
        controllers.close();

        assertThat(summary(result)).containsExactly("Job migrate HOOK_CREATED", "Job migrate HOOK_FAILED", "ConfigMap settings SKIPPED");
        assertThat(result.failures().getFirst().message())
                .isEqualTo("PreSync hook did not complete within 200ms: Progressing (Waiting for the job to complete: 0 active, 0 succeeded, 0 failed)");
    }

    @Test
    void aSecretHookNeverShowsItsValues() throws InterruptedException {
        controllers.close();
        Manifest secret = manifest("""
                {apiVersion: v1, kind: Secret, metadata: {name: seed-token, annotations: {%s: PreSync}},
                 stringData: {token: hunter2-s3cret}}
                """.formatted(Hook.ANNOTATION));
        List<Manifest> desired = NamespaceAssignment.assign(List.of(secret), "shop", mapper);
        SyncPlan plan = Planner.plan(APP, desired, List.of(), OPTIONS);

        SyncResult result = new SyncExecutor(cluster, mapper).execute(plan, OPTIONS, SyncListener.NONE);

        assertThat(summary(result)).containsExactly("Secret seed-token HOOK_CREATED", "Secret seed-token HOOK_SUCCEEDED");
        assertThat(plan.toString() + result).contains("seed-token").doesNotContain("s3cret");
    }

    @Test
    void anInterruptedSyncStopsWaitingAndStartsNoSyncFailHook() throws Exception {
        controllers.stuckDeployments.add("db");
        List<Manifest> desired = NamespaceAssignment.assign(
                List.of(deployment("db", 0), configMap("app", 1), hookJob("alert", "SyncFail")), "shop", mapper);
        SyncPlan plan = Planner.plan(APP, desired, Differ.diffAll(APP, Hook.withoutHooks(desired), Map.of()), OPTIONS);
        CountDownLatch applied = new CountDownLatch(1);
        AtomicReference<SyncResult> result = new AtomicReference<>();
        Thread sync = Thread.ofVirtual().start(() -> result.set(new SyncExecutor(cluster, mapper)
                .execute(plan, OPTIONS, event -> applied.countDown())));

        applied.await();
        sync.interrupt();
        sync.join();
        controllers.close();

        assertThat(summary(result.get())).containsExactly("Deployment db CREATED", "Deployment db FAILED",
                "ConfigMap app SKIPPED", "Job alert SKIPPED");
        assertThat(result.get().failures().getFirst().message())
                .contains("did not become healthy before the sync was interrupted");
        assertThat(mock.takeWrites()).noneMatch(write -> write.contains("/jobs") || write.contains("/configmaps"));
    }
}
