package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.render.RenderOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.driftless.engine.reconcile.PushMatch.Footprint.ANYWHERE;
import static dev.driftless.engine.reconcile.PushMatch.Footprint.APPLICATION_PATH;
import static dev.driftless.engine.testing.ClusterFixtures.manifest;
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
        assertThat(PushMatch.pathsMatch("apps/web", APPLICATION_PATH, List.of("apps/web/deployment.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch("./apps/web/", APPLICATION_PATH, List.of("README.md", "apps/web/x.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch("apps/web", APPLICATION_PATH, List.of("apps/webshop/x.yaml", "apps/api/x.yaml")))
                .isFalse();
        assertThat(PushMatch.pathsMatch("", APPLICATION_PATH, List.of("anything.yaml"))).isTrue();
        assertThat(PushMatch.pathsMatch("apps/web", APPLICATION_PATH, List.of())).isTrue();
        assertThat(PushMatch.pathsMatch("apps/web", ANYWHERE, List.of("base/deployment.yaml"))).isTrue();
    }

    @Test
    void onlyPlainManifestDirectoriesAreKnownToReadTheirPathOnly() {
        Manifest plain = Manifest.of(manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}").body(),
                "apps/web/cm.yaml#0");
        Manifest built = Manifest.of(plain.body(), "apps/web/kustomization.yaml (base/cm.yaml)");

        assertThat(PushMatch.footprint(RenderOptions.Directory.defaults(), List.of(plain))).isEqualTo(APPLICATION_PATH);
        assertThat(PushMatch.footprint(RenderOptions.Directory.defaults(), List.of(built))).isEqualTo(ANYWHERE);
        assertThat(PushMatch.footprint(new RenderOptions.Kustomize(), List.of(plain))).isEqualTo(ANYWHERE);
        assertThat(PushMatch.footprint(RenderOptions.Directory.defaults(), List.of())).isEqualTo(ANYWHERE);
    }
}
