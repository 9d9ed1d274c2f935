package dev.driftless.engine.sync;

import dev.driftless.engine.diff.LastApplied;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    private static final SyncOptions OPTIONS = SyncOptions.defaults("shop");

    private static Manifest object(String apiVersion, String kind, String name, String namespace, String wave) {
        String annotations = wave == null ? "{}" : "{%s: '%s'}".formatted(Tracking.SYNC_WAVE_ANNOTATION, wave);
        String namespaceField = namespace == null ? "" : ", namespace: " + namespace;
        return manifest("{apiVersion: %s, kind: %s, metadata: {name: %s%s, annotations: %s}}"
                .formatted(apiVersion, kind, name, namespaceField, annotations));
    }

    private static List<ResourceDiff> all(SyncState state, List<Manifest> manifests) {
        return manifests.stream().map(manifest -> new ResourceDiff(manifest.key(), state, List.of())).toList();
    }

    private static ResourceKey key(String group, String kind, String namespace, String name) {
        return new ResourceKey(group, kind, namespace, name);
    }

    @Test
    void appliesOnlyMissingAndOutOfSyncObjectsWithTheirTrackingMarks() {
        Manifest missing = object("v1", "ConfigMap", "new", "shop", null);
        Manifest drifted = object("v1", "ConfigMap", "drifted", "shop", null);
        Manifest synced = object("v1", "ConfigMap", "same", "shop", null);
        List<ResourceDiff> diffs = List.of(
                new ResourceDiff(missing.key(), SyncState.MISSING, List.of()),
                new ResourceDiff(drifted.key(), SyncState.OUT_OF_SYNC, List.of()),
                new ResourceDiff(synced.key(), SyncState.SYNCED, List.of()));

        SyncPlan plan = Planner.plan("web", List.of(missing, drifted, synced), diffs, OPTIONS);

        assertThat(plan.steps()).extracting(SyncStep::key).containsExactly(drifted.key(), missing.key());
        assertThat(plan.steps()).extracting(SyncStep::state).containsExactly(SyncState.OUT_OF_SYNC, SyncState.MISSING);
        assertThat(plan.unchanged()).containsExactly(synced.key());
        var metadata = plan.steps().getFirst().manifest().body().path("metadata");
        assertThat(metadata.at("/labels").path(Tracking.APP_LABEL).asText()).isEqualTo("web");
        assertThat(metadata.at("/annotations").path(Tracking.TRACKING_ANNOTATION).asText()).isEqualTo("web:/ConfigMap:shop/drifted");
        assertThat(plan.isNoOp()).isFalse();
    }

    @Test
    void lastAppliedRecordIncludesTheTrackingMarksSoTheyNeverLookRemovedFromGit() {
        Manifest marked = TrackingMarks.mark("web", object("v1", "ConfigMap", "c", "shop", null));

        var record = LastApplied.read(marked.body()).orElseThrow();

        assertThat(record.at("/metadata/labels").path(Tracking.APP_LABEL).asText()).isEqualTo("web");
        assertThat(record.at("/metadata/annotations").path(Tracking.TRACKING_ANNOTATION).asText()).isEqualTo("web:/ConfigMap:shop/c");
        assertThat(TrackingMarks.mark("web", marked)).as("idempotent").isEqualTo(marked);
    }

    @Test
    void ordersNamespacesThenCrdsThenWavesThenKindsThenNames() {
        List<Manifest> desired = List.of(
                object("apps/v1", "Deployment", "api", "shop", null),
                object("v1", "Service", "api", "shop", null),
                object("example.com/v1", "Widget", "w", "shop", null),
                object("v1", "ConfigMap", "late", "shop", "2"),
                object("v1", "ConfigMap", "early", "shop", "-1"),
                object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", null, "5"),
                object("v1", "Namespace", "shop", null, "3"),
                object("apps/v1", "Deployment", "admin", "shop", null),
                object("v1", "Secret", "db", "shop", null));

        SyncPlan plan = Planner.plan("web", desired, all(SyncState.MISSING, desired), OPTIONS);

        assertThat(plan.steps()).extracting(step -> step.key().kind() + " " + step.key().name() + " " + step.wave())
                .containsExactly(
                        "Namespace shop 3",
                        "CustomResourceDefinition widgets.example.com 5",
                        "ConfigMap early -1",
                        "Secret db 0",
                        "Service api 0",
                        "Deployment admin 0",
                        "Deployment api 0",
                        "Widget w 0",
                        "ConfigMap late 2");
    }

    @Test
    void badSyncWaveNamesTheObjectAndOrigin() {
        Manifest bad = object("v1", "ConfigMap", "c", "shop", "first");

        assertThatThrownBy(() -> Planner.plan("web", List.of(bad), all(SyncState.SYNCED, List.of(bad)), OPTIONS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining(Tracking.SYNC_WAVE_ANNOTATION)
                .hasMessageContaining("/ConfigMap:shop/c")
                .hasMessageContaining("test.yaml#c")
                .hasMessageContaining("'first'");
    }

    @Test
    void extraneousObjectsArePrunedOnlyWithPruneOnInReverseApplyOrder() {
        Manifest kept = object("v1", "ConfigMap", "kept", "shop", null);
        List<ResourceDiff> diffs = List.of(
                new ResourceDiff(kept.key(), SyncState.SYNCED, List.of()),
                new ResourceDiff(key("", "Namespace", "", "old"), SyncState.EXTRANEOUS, List.of()),
                new ResourceDiff(key("apps", "Deployment", "old", "api"), SyncState.EXTRANEOUS, List.of()),
                new ResourceDiff(key("", "ConfigMap", "old", "conf"), SyncState.EXTRANEOUS, List.of()));

        SyncPlan withoutPrune = Planner.plan("web", List.of(kept), diffs, OPTIONS);
        SyncPlan withPrune = Planner.plan("web", List.of(kept), diffs, OPTIONS.withPrune(true));

        assertThat(withoutPrune.prunes()).isEmpty();
        assertThat(withoutPrune.skipped()).hasSize(3).allSatisfy(skip -> assertThat(skip.reason()).contains("prune is off"));
        assertThat(withoutPrune.isNoOp()).isTrue();
        assertThat(withPrune.prunes()).containsExactly(
                key("apps", "Deployment", "old", "api"), key("", "ConfigMap", "old", "conf"), key("", "Namespace", "", "old"));
    }

    @Test
    void anEmptyDesiredSetNeverPrunesUnlessAllowed() {
        List<ResourceDiff> diffs = List.of(new ResourceDiff(key("", "ConfigMap", "shop", "c"), SyncState.EXTRANEOUS, List.of()));

        SyncPlan guarded = Planner.plan("web", List.of(), diffs, OPTIONS.withPrune(true));
        SyncPlan allowed = Planner.plan("web", List.of(), diffs, OPTIONS.withPrune(true).withAllowEmpty(true));

        assertThat(guarded.prunes()).isEmpty();
        assertThat(guarded.skipped()).singleElement().satisfies(skip -> assertThat(skip.reason()).contains("desired set is empty"));
        assertThat(allowed.prunes()).containsExactly(key("", "ConfigMap", "shop", "c"));
    }

    @Test
    void createNamespaceIsPlannedOnlyWhenAsked() {
        assertThat(Planner.plan("web", List.of(), List.of(), OPTIONS).namespaceToCreate()).isEmpty();
        assertThat(Planner.plan("web", List.of(), List.of(), OPTIONS.withCreateNamespace(true)).namespaceToCreate()).isEqualTo("shop");
    }

    @Test
    void aDiffToApplyWithoutADesiredObjectOrTwoObjectsWithOneKeyAreErrors() {
        Manifest one = object("v1", "ConfigMap", "c", "shop", null);
        Manifest twin = new Manifest(one.key(), one.body(), "other.yaml#0");

        assertThatThrownBy(() -> Planner.plan("web", List.of(), all(SyncState.MISSING, List.of(one)), OPTIONS))
                .isInstanceOf(PlanException.class).hasMessageContaining("/ConfigMap:shop/c");
        assertThatThrownBy(() -> Planner.plan("web", List.of(one, twin), List.of(), OPTIONS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("defined twice")
                .hasMessageContaining("test.yaml#c")
                .hasMessageContaining("other.yaml#0");
    }

    @Test
    void aPlanPrintsNoSecretValues() {
        Manifest secret = manifest("{apiVersion: v1, kind: Secret, metadata: {name: db, namespace: shop}, stringData: {password: hunter2-s3cret}}");

        SyncPlan plan = Planner.plan("web", List.of(secret), all(SyncState.MISSING, List.of(secret)), OPTIONS);

        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.toString()).contains("/Secret:shop/db").doesNotContain("hunter2-s3cret");
    }
}
