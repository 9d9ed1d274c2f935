package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.Footprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PushMatchTest {

    @Test
    void aBranchPushMatchesThatBranchByEitherSpellingAndHead() {
        assertThat(PushMatch.revisionMatches("main", "refs/heads/main")).isTrue();
        assertThat(PushMatch.revisionMatches("refs/heads/main", "main")).isTrue();
        assertThat(PushMatch.revisionMatches("HEAD", "refs/heads/feature")).isTrue();
        assertThat(PushMatch.revisionMatches("", "refs/heads/main")).isTrue();
        assertThat(PushMatch.revisionMatches("main", "refs/heads/mainline")).isFalse();
        assertThat(PushMatch.revisionMatches("release", "refs/heads/main")).isFalse();
    }

    @Test
    void tagsMatchTagsOnlyAndShasNeverMove() {
        assertThat(PushMatch.revisionMatches("v1", "refs/tags/v1")).isTrue();
        assertThat(PushMatch.revisionMatches("refs/tags/v1", "refs/tags/v1")).isTrue();
        assertThat(PushMatch.revisionMatches("refs/tags/v1", "refs/heads/v1")).isFalse();
        assertThat(PushMatch.revisionMatches("HEAD", "refs/tags/v1")).isFalse();
        assertThat(PushMatch.revisionMatches("0123456789abcdef0123456789abcdef01234567", "refs/heads/main")).isFalse();
    }

    @Test
    void changedPathsMustBeUnderTheApplicationPath() {
        assertThat(PushMatch.pathsMatch(Footprint.under("apps/web"), List.of("apps/web/deployment.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(Footprint.under("./apps/web/"), List.of("README.md", "apps/web/x.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(Footprint.under("apps/web"), List.of("apps/webshop/x.yaml", "apps/api/x.yaml")))
                .isFalse();
        assertThat(PushMatch.pathsMatch(Footprint.under(""), List.of("anything.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(Footprint.under("apps/web"), List.of())).isTrue();
        assertThat(PushMatch.pathsMatch(Footprint.ANYWHERE, List.of("base/deployment.yaml"))).isTrue();
    }

    /** The footprint of overlays/prod built on ../../base, as {@code Kustomizer.buildTracingReads} records it. */
    private static final Footprint PROD_OVERLAY = new Footprint(Set.of("overlays/prod"), Set.of(
            "overlays/prod/kustomization.yaml", "overlays/prod/kustomization.yml", "overlays/prod/Kustomization",
            "base", "base/kustomization.yaml", "base/kustomization.yml", "base/Kustomization", "base/deployment.yaml",
            "components/probes/kustomization.yaml"));

    @Test
    void aChangeToABaseTheOverlayUsesMatches() {
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("base/deployment.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("components/probes/kustomization.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("overlays/prod/new-patch.yaml"))).isTrue();
    }

    @Test
    void aChangeToASiblingOverlayOrAnUnreadFileDoesNot() {
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("overlays/staging/kustomization.yaml",
                "overlays/staging/replicas.yaml", "base/README.md", "base/unused.yaml", "overlays/production/x.yaml")))
                .isFalse();
    }

    @Test
    void aNewKustomizationFileWhereTheBuildLookedMatches() {
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("base/kustomization.yml"))).isTrue();
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("base/Kustomization"))).isTrue();
    }

    @Test
    void aChangeOnTheWayToARecordedPathMatches() {
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("components/probes")))
                .as("a symlink replacing the component's directory").isTrue();
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("overlays"))).isTrue();
        assertThat(PushMatch.pathsMatch(PROD_OVERLAY, List.of("components/probes-v2/kustomization.yaml"))).isFalse();
    }

    @Test
    void aHelmChartCountsWhole() {
        Footprint withChart = new Footprint(Set.of("apps/redis", "charts/redis"), Set.of("apps/redis/kustomization.yaml"));

        assertThat(PushMatch.pathsMatch(withChart, List.of("charts/redis/templates/service.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch(withChart, List.of("charts/postgres/Chart.yaml"))).isFalse();
    }
}
