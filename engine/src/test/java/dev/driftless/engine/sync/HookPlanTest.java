package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the planner tells hooks from resources and reads their annotations. Pure: no cluster. */
class HookPlanTest {

    private static final SyncOptions PRUNE = SyncOptions.defaults("shop").withPrune(true);

    private static Manifest job(String metadata) {
        return manifest("{apiVersion: batch/v1, kind: Job, metadata: {namespace: shop, %s}}".formatted(metadata));
    }

    private static Manifest hook(String name, String annotations) {
        return job("name: %s, annotations: {%s}".formatted(name, annotations));
    }

    private static final Manifest CONFIG = manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: shop}}");

    @Test
    void hooksAreNotAppliedAsResourcesAndTheirDiffsAreIgnored() {
        Manifest migrate = hook("migrate", Hook.ANNOTATION + ": PreSync");
        List<ResourceDiff> diffs = List.of(
                new ResourceDiff(CONFIG.key(), SyncState.MISSING, List.of()),
                new ResourceDiff(migrate.key(), SyncState.OUT_OF_SYNC, List.of()));

        SyncPlan plan = Planner.plan("web", List.of(CONFIG, migrate), diffs, PRUNE);

        assertThat(plan.steps()).extracting(SyncStep::key).containsExactly(CONFIG.key());
        assertThat(plan.hooks()).extracting(Hook::phase).containsExactly(HookPhase.PRE_SYNC);
        assertThat(plan.hooks().getFirst().manifest().body().at("/metadata/annotations").has(Tracking.TRACKING_ANNOTATION))
                .as("a hook is marked when its instance is named, at run time").isFalse();
        assertThat(plan.unchanged()).isEmpty();
        assertThat(plan.prunes()).isEmpty();
    }

    @Test
    void aLiveHookIsNeverPrunedEvenWhenGitNoLongerHasIt() {
        ObjectNode liveHook = hook("old-migrate", Hook.ANNOTATION + ": PreSync").body();
        Manifest migrate = hook("migrate", Hook.ANNOTATION + ": PreSync");
        List<ResourceDiff> diffs = List.of(
                new ResourceDiff(ResourceKey.of(liveHook), SyncState.EXTRANEOUS, List.of(), null, liveHook),
                new ResourceDiff(migrate.key(), SyncState.EXTRANEOUS, List.of()));

        SyncPlan plan = Planner.plan("web", List.of(CONFIG, migrate), diffs, PRUNE);

        assertThat(plan.prunes()).isEmpty();
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void aDesiredSetOfOnlyHooksCountsAsEmptyForThePruneGuard() {
        ResourceKey tracked = new ResourceKey("", "ConfigMap", "shop", "settings");
        List<ResourceDiff> diffs = List.of(new ResourceDiff(tracked, SyncState.EXTRANEOUS, List.of()));
        List<Manifest> onlyHooks = List.of(hook("migrate", Hook.ANNOTATION + ": PreSync"));

        SyncPlan guarded = Planner.plan("web", onlyHooks, diffs, PRUNE);
        SyncPlan allowed = Planner.plan("web", onlyHooks, diffs, PRUNE.withAllowEmpty(true));

        assertThat(guarded.prunes()).isEmpty();
        assertThat(guarded.skipped()).extracting(SyncPlan.Skip::reason)
                .containsExactly("not pruned: the desired set is empty and allowEmpty is off");
        assertThat(allowed.prunes()).containsExactly(tracked);
    }

    @Test
    void aCommaSeparatedListGivesOneHookPerPhaseInRunOrderWithTheDefaultDeletePolicy() {
        Manifest twice = hook("check", Hook.ANNOTATION + ": 'PostSync, PreSync,PostSync'");
        Manifest late = hook("late", "%s: PreSync, %s: '5'".formatted(Hook.ANNOTATION, Tracking.SYNC_WAVE_ANNOTATION));
        Manifest early = hook("early", "%s: PreSync, %s: '-1'".formatted(Hook.ANNOTATION, Tracking.SYNC_WAVE_ANNOTATION));

        SyncPlan plan = Planner.plan("web", List.of(twice, late, early), List.of(), PRUNE);

        assertThat(plan.hooks()).extracting(hook -> hook.phase() + " " + hook.displayKey().name() + " " + hook.wave())
                .containsExactly("PRE_SYNC early -1", "PRE_SYNC check 0", "PRE_SYNC late 5", "POST_SYNC check 0");
        assertThat(plan.hooks()).allSatisfy(hook ->
                assertThat(hook.deletePolicies()).containsExactly(HookDeletePolicy.BEFORE_HOOK_CREATION));
        assertThat(plan.hooks(HookPhase.POST_SYNC)).extracting(Hook::displayKey).containsExactly(twice.key());
    }

    @Test
    void deletePoliciesAreReadFromTheirAnnotation() {
        Manifest both = hook("both", "%s: Sync, %s: 'HookSucceeded,HookFailed'".formatted(Hook.ANNOTATION, Hook.DELETE_POLICY_ANNOTATION));

        SyncPlan plan = Planner.plan("web", List.of(both), List.of(), PRUNE);

        assertThat(plan.hooks().getFirst().deletePolicies())
                .containsExactlyInAnyOrder(HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.HOOK_FAILED);
    }

    @Test
    void hooksWithGenerateNameAreNeverDuplicatesAndAreShownByTheirPrefix() {
        Manifest first = job("generateName: seed-, annotations: {%s: Sync}".formatted(Hook.ANNOTATION));
        Manifest second = job("generateName: seed-, annotations: {%s: PostSync}".formatted(Hook.ANNOTATION));

        SyncPlan plan = Planner.plan("web", List.of(first, second), List.of(), PRUNE);

        assertThat(plan.hooks()).extracting(Hook::displayKey)
                .containsExactly(new ResourceKey("batch", "Job", "shop", "seed-"), new ResourceKey("batch", "Job", "shop", "seed-"));
        Manifest instance = plan.hooks().getFirst().instance("web", "b2c4d", "");
        assertThat(instance.key()).isEqualTo(new ResourceKey("batch", "Job", "shop", "seed-b2c4d"));
        assertThat(instance.body().at("/metadata/generateName").isMissingNode()).isTrue();
        assertThat(instance.body().at("/metadata/annotations").path(Tracking.TRACKING_ANNOTATION).asText())
                .isEqualTo("web:batch/Job:shop/seed-b2c4d");
    }

    @Test
    void aVeryLongGenerateNameIsCutSoTheNameStaysWithinKubernetesLimits() {
        String prefix = "m".repeat(70);
        Manifest longName = job("generateName: %s, annotations: {%s: Sync}".formatted(prefix, Hook.ANNOTATION));

        Manifest instance = Planner.plan("web", List.of(longName), List.of(), PRUNE).hooks().getFirst().instance("web", "b2c4d", "");

        assertThat(instance.key().name()).hasSize(63).endsWith("mb2c4d");
    }

    @Test
    void aHookAndAResourceWithOneKeyAreRejected() {
        Manifest resource = job("name: migrate");
        Manifest hook = hook("migrate", Hook.ANNOTATION + ": PreSync");

        assertThatThrownBy(() -> Planner.plan("web", List.of(resource, hook), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("batch/Job:shop/migrate is defined twice");
    }

    @Test
    void anUnknownPhaseIsRejectedNamingTheObjectItsOriginAndTheValue() {
        Manifest typo = hook("migrate", Hook.ANNOTATION + ": 'PreSync,PostSyncc'");

        assertThatThrownBy(() -> Planner.plan("web", List.of(typo), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessage("annotation driftless.dev/hook of batch/Job:shop/migrate from test.yaml#migrate names"
                        + " 'PostSyncc'; allowed: PreSync, Sync, PostSync, SyncFail");
    }

    @Test
    void anUnknownDeletePolicyIsRejected() {
        Manifest typo = hook("migrate", "%s: PreSync, %s: HookSucceed".formatted(Hook.ANNOTATION, Hook.DELETE_POLICY_ANNOTATION));

        assertThatThrownBy(() -> Planner.plan("web", List.of(typo), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("annotation driftless.dev/hook-delete-policy of batch/Job:shop/migrate")
                .hasMessageContaining("'HookSucceed'; allowed: BeforeHookCreation, HookSucceeded, HookFailed");
    }

    @Test
    void anEmptyEntryInAHookListIsRejected() {
        Manifest typo = hook("migrate", Hook.ANNOTATION + ": 'PreSync,'");

        assertThatThrownBy(() -> Planner.plan("web", List.of(typo), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("has an empty entry: 'PreSync,'");
    }

    @Test
    void aHookWithoutNameOrGenerateNameIsRejected() {
        Manifest nameless = job("annotations: {%s: PreSync}".formatted(Hook.ANNOTATION));

        assertThatThrownBy(() -> Planner.plan("web", List.of(nameless), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("hook batch/Job from test.yaml# sets neither metadata.name nor metadata.generateName");
    }

    @Test
    void aBadSyncWaveOnAHookIsRejected() {
        Manifest typo = hook("migrate", "%s: PreSync, %s: first".formatted(Hook.ANNOTATION, Tracking.SYNC_WAVE_ANNOTATION));

        assertThatThrownBy(() -> Planner.plan("web", List.of(typo), List.of(), PRUNE))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("must be an integer, not 'first'");
    }

    @Test
    void aPlanThatRunsHooksIsNotANoOpButOneWithOnlySyncFailHooksIs() {
        SyncPlan preSync = Planner.plan("web", List.of(hook("migrate", Hook.ANNOTATION + ": PreSync")), List.of(), PRUNE);
        SyncPlan syncFail = Planner.plan("web", List.of(hook("alert", Hook.ANNOTATION + ": SyncFail")), List.of(), PRUNE);

        assertThat(preSync.isNoOp()).isFalse();
        assertThat(syncFail.isNoOp()).isTrue();
    }

    @Test
    void withoutHooksKeepsOnlyTheResources() {
        Manifest migrate = hook("migrate", Hook.ANNOTATION + ": PreSync");
        Manifest blank = hook("blank", Hook.ANNOTATION + ": ''");

        assertThat(Hook.withoutHooks(List.of(CONFIG, migrate, blank))).containsExactly(CONFIG, blank);
    }

    @Test
    void waitsMustLastSomeTime() {
        assertThatThrownBy(() -> PRUNE.withWaitTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("waitTimeout must be positive, not PT0S");
        assertThatThrownBy(() -> PRUNE.withPollInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pollInterval must be positive, not PT-1S");
    }
}
