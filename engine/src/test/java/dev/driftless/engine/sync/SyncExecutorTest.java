package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ApplyMode;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.testing.ClusterMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** Plans and executes syncs against fabric8's CRUD mock, the way the reconcile loop will. */
class SyncExecutorTest {

    private static final String APP = "shop";

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final ResourceMapper mapper = cluster.discover();
    private final List<ResourceResult> events = new ArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
        mock.close();
    }

    private static List<Manifest> web(String replicas, String extraData) {
        return List.of(
                manifest("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"),
                manifest("""
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {mode: fast%s}
                        """.formatted(extraData)),
                manifest("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          replicas: %s
                          template: {spec: {containers: [{name: web, image: "web:1"}]}}
                        """.formatted(replicas)));
    }

    /**
     * A stand-in for the differ, which another package provides: compares the fields the marked desired object sets
     * with the live object. Enough to drive the planner here; field-level drift is not this package's concern.
     */
    private List<ResourceDiff> diff(List<Manifest> desired) {
        Map<ResourceKey, ObjectNode> live = cluster.liveState(APP, desired, mapper);
        List<ResourceDiff> diffs = new ArrayList<>();
        for (Manifest manifest : desired) {
            ObjectNode object = live.get(manifest.key());
            SyncState state = object == null ? SyncState.MISSING
                    : setsTheSame(TrackingMarks.mark(APP, manifest).body(), object) ? SyncState.SYNCED : SyncState.OUT_OF_SYNC;
            diffs.add(new ResourceDiff(manifest.key(), state, List.of()));
        }
        live.keySet().stream()
                .filter(key -> desired.stream().noneMatch(manifest -> manifest.key().equals(key)))
                .forEach(key -> diffs.add(new ResourceDiff(key, SyncState.EXTRANEOUS, List.of())));
        return diffs;
    }

    private static boolean setsTheSame(JsonNode desired, JsonNode live) {
        if (!desired.isObject()) {
            return desired.equals(live);
        }
        for (var fields = desired.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!setsTheSame(field.getValue(), live.path(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private SyncResult sync(List<Manifest> rendered, SyncOptions options) {
        List<Manifest> desired = NamespaceAssignment.assign(rendered, options.destinationNamespace(), mapper);
        SyncPlan plan = Planner.plan(APP, desired, diff(desired), options);
        mock.takeRequests();
        return new SyncExecutor(cluster, mapper).execute(plan, options, events::add);
    }

    private Optional<ObjectNode> live(String group, String kind, String namespace, String name) {
        ResourceKey key = new ResourceKey(group, kind, namespace, name);
        return cluster.get(mapper.resolve(key), key);
    }

    @Test
    void firstSyncCreatesEveryObjectWithTrackingMarksInOrder() {
        SyncResult result = sync(web("2", ""), SyncOptions.defaults("shop"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.resources()).extracting(r -> r.key().kind() + " " + r.action())
                .containsExactly("Namespace CREATED", "ConfigMap CREATED", "Deployment CREATED");
        assertThat(events).isEqualTo(result.resources());
        // In auto mode the first create tries server-side apply; the mock answers 404 to that and then accepts a plain
        // create, which shows it cannot apply, so the other objects are created without trying.
        String apply = "?fieldManager=driftless&force=true";
        assertThat(mock.takeWrites()).containsExactly(
                "PATCH /api/v1/namespaces/shop" + apply,
                "POST /api/v1/namespaces",
                "POST /api/v1/namespaces/shop/configmaps",
                "POST /apis/apps/v1/namespaces/shop/deployments");
        JsonNode deployment = live("apps", "Deployment", "shop", "web").orElseThrow();
        assertThat(deployment.at("/metadata/labels").path(Tracking.APP_LABEL).asText()).isEqualTo(APP);
        assertThat(deployment.at("/metadata/annotations").path(Tracking.TRACKING_ANNOTATION).asText())
                .isEqualTo("shop:apps/Deployment:shop/web");
        assertThat(deployment.at("/metadata/annotations").path(Tracking.LAST_APPLIED_ANNOTATION).asText()).contains("\"replicas\":2");
    }

    @Test
    void aChangedObjectIsPatchedAndAFieldRemovedFromGitIsRemovedLive() {
        sync(web("2", ", legacy: 'on'"), SyncOptions.defaults("shop"));
        events.clear();

        SyncResult result = sync(web("3", ""), SyncOptions.defaults("shop"));

        assertThat(result.resources()).extracting(r -> r.key().kind() + " " + r.action())
                .containsExactly("Namespace UNCHANGED", "ConfigMap CONFIGURED", "Deployment CONFIGURED");
        List<String> writes = mock.takeWrites();
        assertThat(writes).contains(
                "PATCH /api/v1/namespaces/shop/configmaps/settings",
                "PATCH /apis/apps/v1/namespaces/shop/deployments/web");
        assertThat(writes).noneMatch(write -> write.contains("/namespaces/shop ") || write.endsWith("/namespaces/shop"));
        assertThat(live("apps", "Deployment", "shop", "web").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode legacy = live("", "ConfigMap", "shop", "settings").orElseThrow().at("/data/legacy");
        assertThat(legacy.isMissingNode()).as("removed from Git, so removed live").isTrue();
    }

    @Test
    void aSyncWithNothingToDoSendsNoWrites() {
        sync(web("2", ""), SyncOptions.defaults("shop").withPrune(true).withCreateNamespace(true));

        SyncResult again = sync(web("2", ""), SyncOptions.defaults("shop").withPrune(true).withCreateNamespace(true));

        assertThat(again.resources()).extracting(ResourceResult::action).containsOnly(SyncAction.UNCHANGED).hasSize(3);
        assertThat(mock.takeWrites()).isEmpty();
    }

    @Test
    void pruneDeletesOnlyObjectsCarryingThisApplicationsTrackingAnnotation() {
        List<Manifest> withWorker = new ArrayList<>(web("2", ""));
        withWorker.add(manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: worker}, data: {a: b}}"));
        sync(withWorker, SyncOptions.defaults("shop"));
        Manifest otherApps = TrackingMarks.mark("billing",
                manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: invoices, namespace: shop}}"));
        cluster.apply(otherApps, mapper, ApplyMode.CLIENT_SIDE);
        cluster.apply(manifest("""
                {apiVersion: v1, kind: ConfigMap, metadata: {name: handmade, namespace: shop, labels: {%s: shop}}}
                """.formatted(Tracking.APP_LABEL)), mapper, ApplyMode.CLIENT_SIDE);
        ObjectNode copy = live("", "ConfigMap", "shop", "worker").orElseThrow();
        copy.withObjectProperty("metadata").put("name", "worker-copy").remove(List.of("resourceVersion", "uid"));
        cluster.apply(manifest(copy.toString()), mapper, ApplyMode.CLIENT_SIDE);

        SyncResult withoutPrune = sync(web("2", ""), SyncOptions.defaults("shop"));
        assertThat(mock.takeWrites()).isEmpty();
        assertThat(withoutPrune.resources()).noneMatch(r -> r.action() == SyncAction.PRUNED);

        SyncResult result = sync(web("2", ""), SyncOptions.defaults("shop").withPrune(true));

        assertThat(result.resources()).filteredOn(r -> r.action() == SyncAction.PRUNED)
                .extracting(ResourceResult::key)
                .containsExactly(new ResourceKey("", "ConfigMap", "shop", "worker"));
        assertThat(mock.takeWrites()).containsExactly("DELETE /api/v1/namespaces/shop/configmaps/worker");
        assertThat(live("", "ConfigMap", "shop", "invoices")).isPresent();
        assertThat(live("", "ConfigMap", "shop", "handmade")).isPresent();
        assertThat(live("", "ConfigMap", "shop", "worker-copy")).isPresent();
    }

    @Test
    void anEmptyDesiredSetPrunesNothingUnlessAllowed() {
        sync(web("2", ""), SyncOptions.defaults("shop"));

        SyncResult guarded = sync(List.of(), SyncOptions.defaults("shop").withPrune(true));
        assertThat(guarded.resources()).isEmpty();
        assertThat(mock.takeWrites()).isEmpty();

        SyncResult allowed = sync(List.of(), SyncOptions.defaults("shop").withPrune(true).withAllowEmpty(true));
        assertThat(allowed.resources()).extracting(r -> r.key().kind() + " " + r.action())
                .containsExactly("Deployment PRUNED", "ConfigMap PRUNED", "Namespace PRUNED");
    }

    @Test
    void createNamespaceCreatesTheDestinationFirst() {
        List<Manifest> onlyConfig = List.of(web("2", "").get(1));

        SyncResult result = sync(onlyConfig, SyncOptions.defaults("payments").withCreateNamespace(true)
                .withApplyMode(ApplyMode.CLIENT_SIDE));

        assertThat(result.resources()).extracting(r -> r.key() + " " + r.action())
                .containsExactly("/Namespace:/payments CREATED", "/ConfigMap:payments/settings CREATED");
        assertThat(mock.takeWrites()).containsExactly("POST /api/v1/namespaces", "POST /api/v1/namespaces/payments/configmaps");
    }

    @Test
    void aFailedWaveStopsTheLaterWavesAndReportsTheServersMessage() {
        List<Manifest> waves = List.of(
                manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: first}}"),
                manifest("""
                        {apiVersion: v1, kind: ConfigMap, metadata: {name: second, annotations: {%s: "1"}}}
                        """.formatted(Tracking.SYNC_WAVE_ANNOTATION)));
        Manifest seed = manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: seed, annotations: {%s: Sync}}}"
                .formatted(Hook.ANNOTATION));
        // The mock has no server-side apply: forcing it makes every apply fail.
        SyncResult result = sync(List.of(waves.get(0), seed, waves.get(1)),
                SyncOptions.defaults("shop").withApplyMode(ApplyMode.SERVER_SIDE).withPrune(true));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.resources()).extracting(r -> r.key().name() + " " + r.action())
                .containsExactly("first FAILED", "seed SKIPPED", "second SKIPPED");
        assertThat(result.failures().getFirst().message())
                .contains("/ConfigMap:shop/first").contains("Not Found").contains("404");
        assertThat(mock.takeWrites()).hasSize(1);
        assertThat(events).isEqualTo(result.resources());
    }

    @Test
    void aDryRunWritesNothingAndReportsWhatItWouldDo() {
        SyncResult result = sync(web("2", ""), SyncOptions.defaults("shop").withDryRun(true).withCreateNamespace(true));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.resources()).extracting(ResourceResult::action)
                .containsExactly(SyncAction.CREATED, SyncAction.CREATED, SyncAction.CREATED, SyncAction.CREATED);
        assertThat(result.resources()).allSatisfy(r -> assertThat(r.message()).startsWith("dry run"));
        assertThat(mock.takeRequests()).isEmpty();
        assertThat(live("", "Namespace", "", "shop")).isEmpty();
    }

    @Test
    void secretValuesNeverReachResultsOrTheLastAppliedRecord() {
        Manifest secret = manifest("{apiVersion: v1, kind: Secret, metadata: {name: db}, stringData: {password: hunter2-s3cret}}");
        SyncResult created = sync(List.of(secret), SyncOptions.defaults("shop"));
        SyncResult failed = sync(List.of(manifest(secret.body().toString().replace("hunter2", "hunter3"))),
                SyncOptions.defaults("shop").withApplyMode(ApplyMode.SERVER_SIDE));

        assertThat(failed.succeeded()).isFalse();
        assertThat(created.toString() + failed).contains("/Secret:shop/db").doesNotContain("s3cret");
        assertThat(live("", "Secret", "shop", "db").orElseThrow().at("/metadata/annotations")
                .path(Tracking.LAST_APPLIED_ANNOTATION).asText()).contains("password").doesNotContain("s3cret");
    }
}
