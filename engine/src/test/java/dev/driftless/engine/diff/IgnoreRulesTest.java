package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ignoreDifferences against the hand-written Deployment pair, whose desired sets 3 replicas. */
class IgnoreRulesTest {

    private static final IgnoreDifference REPLICAS = new IgnoreDifference("apps", "Deployment", null, null, List.of("/spec/replicas"));

    private static ObjectNode desired() {
        return Fixtures.load("deployment-desired.yaml");
    }

    /** The live Deployment after an autoscaler set its replicas. */
    private static ObjectNode scaledLive() {
        ObjectNode live = Fixtures.load("deployment-live.yaml");
        live.withObject("/spec").put("replicas", 7);
        return live;
    }

    private static ResourceDiff diff(ObjectNode desired, ObjectNode live, IgnoreDifference... rules) {
        return Differ.diff(desired, live, IgnoreRules.of(List.of(rules)));
    }

    @Test
    void replicasChangedLiveAreSyncedUnderARuleAndDriftWithoutIt() {
        assertThat(diff(desired(), scaledLive(), REPLICAS).state()).isEqualTo(SyncState.SYNCED);

        ResourceDiff unruled = diff(desired(), scaledLive());
        assertThat(unruled.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(unruled.fields()).singleElement().satisfies(field -> {
            assertThat(field.path()).isEqualTo("spec.replicas");
            assertThat(field.live().asInt()).isEqualTo(7);
        });
    }

    @Test
    void otherDriftOnTheSameObjectStillCountsAndTheViewsLeaveTheIgnoredFieldOut() {
        ObjectNode live = scaledLive();
        live.withObject("/metadata/annotations").put("example.com/team", "checkout");

        ResourceDiff diff = diff(desired(), live, REPLICAS);

        assertThat(diff.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(diff.fields()).extracting(FieldDrift::path).containsExactly("metadata.annotations[\"example.com/team\"]");
        assertThat(diff.desired().path("spec").has("replicas")).isFalse();
        assertThat(diff.live().path("spec").has("replicas")).isFalse();
    }

    @Test
    void aFieldGitRemovedButDriftlessAppliedBeforeIsIgnoredToo() {
        ObjectNode desired = desired();
        desired.withObject("/spec").remove("replicas");

        assertThat(diff(desired, Fixtures.load("deployment-live.yaml")).fields()).extracting(FieldDrift::path)
                .containsExactly("spec.replicas");
        assertThat(diff(desired, Fixtures.load("deployment-live.yaml"), REPLICAS).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void aSlashInAKeyIsEscapedAsTildeOne() {
        ObjectNode live = Fixtures.load("deployment-live.yaml");
        live.withObject("/metadata/annotations").put("example.com/team", "checkout");
        IgnoreDifference escaped = new IgnoreDifference("apps", "Deployment", "", "",
                List.of("/metadata/annotations/example.com~1team"));
        IgnoreDifference unescaped = new IgnoreDifference("apps", "Deployment", "", "",
                List.of("/metadata/annotations/example.com/team"));

        assertThat(diff(desired(), live, escaped).state()).isEqualTo(SyncState.SYNCED);
        assertThat(diff(desired(), live, unescaped).state()).isEqualTo(SyncState.OUT_OF_SYNC);
    }

    @Test
    void aListItemIsNamedByItsIndex() {
        ObjectNode live = Fixtures.load("deployment-live.yaml");
        ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("image", "nginx:1.27.0");
        IgnoreDifference image = new IgnoreDifference("apps", "Deployment", "", "",
                List.of("/spec/template/spec/containers/0/image"));

        assertThat(diff(desired(), live, image).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void aRuleAppliesOnlyToItsGroupKindNameAndNamespace() {
        List<IgnoreDifference> others = List.of(
                new IgnoreDifference("apps", "StatefulSet", "", "", List.of("/spec/replicas")),
                new IgnoreDifference("", "Deployment", "", "", List.of("/spec/replicas")),
                new IgnoreDifference("apps", "Deployment", "api", "", List.of("/spec/replicas")),
                new IgnoreDifference("apps", "Deployment", "", "staging", List.of("/spec/replicas")));
        for (IgnoreDifference other : others) {
            assertThat(diff(desired(), scaledLive(), other).state()).as("%s", other).isEqualTo(SyncState.OUT_OF_SYNC);
        }
        IgnoreDifference exact = new IgnoreDifference("apps", "Deployment", "web", "shop", List.of("/spec/replicas"));
        assertThat(diff(desired(), scaledLive(), exact).state()).isEqualTo(SyncState.SYNCED);
    }

    @Test
    void diffAllTakesTheRulesAndAMissingObjectKeepsTheIgnoredField() {
        List<Manifest> desired = List.of(Manifest.of(desired(), "web.yaml#0"));
        ResourceKey key = desired.getFirst().key();

        assertThat(Differ.diffAll("shop", desired, Map.of(key, scaledLive()), List.of(REPLICAS)))
                .extracting(ResourceDiff::state).containsExactly(SyncState.SYNCED);
        assertThat(Differ.diffAll("shop", desired, Map.of(key, scaledLive()))).extracting(ResourceDiff::state)
                .containsExactly(SyncState.OUT_OF_SYNC);
        ResourceDiff missing = Differ.diffAll("shop", desired, Map.of(), List.of(REPLICAS)).getFirst();
        assertThat(missing.state()).isEqualTo(SyncState.MISSING);
        assertThat(missing.desired().path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aSyncWritesTheIgnoredFieldsAsTheyAreLive() {
        Manifest web = Manifest.of(desired(), "web.yaml#0");
        Manifest config = Manifest.of(Fixtures.load("configmap-desired.yaml"), "config.yaml#0");
        IgnoreRules rules = IgnoreRules.of(List.of(REPLICAS,
                new IgnoreDifference("apps", "Deployment", "", "", List.of("/spec/paused"))));
        ObjectNode live = scaledLive();

        List<Manifest> kept = rules.keepLive(List.of(web, config), Map.of(web.key(), live));

        assertThat(kept.get(0).body().path("spec").path("replicas").asInt()).isEqualTo(7);
        assertThat(kept.get(0).body().path("spec").has("paused")).isFalse();
        assertThat(kept.get(0).body().path("spec").path("template")).isEqualTo(web.body().path("spec").path("template"));
        assertThat(kept.get(1)).isEqualTo(config);
        assertThat(rules.keepLive(List.of(web), Map.of()).getFirst().body().path("spec").path("replicas").asInt()).isEqualTo(3);

        ObjectNode unscaled = Fixtures.load("deployment-live.yaml");
        unscaled.withObject("/spec").remove("replicas");
        assertThat(rules.keepLive(List.of(web), Map.of(web.key(), unscaled)).getFirst().body().path("spec").has("replicas"))
                .as("a field the live object lacks is left out rather than written from Git").isFalse();
    }

    @Test
    void aMalformedPointerIsRejectedNamingTheRuleAndThePointer() {
        IgnoreDifference relative = new IgnoreDifference("apps", "Deployment", "", "", List.of("/spec/paused", "spec/replicas"));

        assertThatThrownBy(() -> IgnoreRules.of(List.of(REPLICAS, relative)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ignoreDifferences[1] (apps/Deployment)")
                .hasMessageContaining("'spec/replicas'")
                .hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> Differ.diffAll("shop", List.of(), Map.of(), List.of(relative)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec/replicas");
    }
}
