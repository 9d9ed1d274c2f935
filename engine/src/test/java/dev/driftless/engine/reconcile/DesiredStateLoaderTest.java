package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.Footprint;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateLoaderTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

    @TempDir
    Path dir;

    @Test
    void aPluginWritingIntoItsTreeDoesNotChangeWhatOtherRendersOfTheCommitRead() throws Exception {
        GitTestRepo origin = GitTestRepo.create("mono", dir.resolve("origin/mono.git"));
        origin.commit("one app").write("apps/web/cm.yaml", CONFIG_MAP.formatted("web")).create();
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());
        RenderOptions.Plugin writing = new RenderOptions.Plugin(List.of("sh", "-c",
                "printf '" + CONFIG_MAP.formatted("written") + "' > written.yaml; cat cm.yaml"),
                Map.of(), Duration.ofSeconds(20));

        DesiredState before = loader.load(source(origin, RenderOptions.Directory.defaults()));
        DesiredState plugin = loader.load(source(origin, writing));
        DesiredState after = loader.load(source(origin, RenderOptions.Directory.defaults()));

        assertThat(plugin.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(plugin.footprint()).isEqualTo(Footprint.ANYWHERE);
        assertThat(before.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(after.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(after.footprint()).isEqualTo(Footprint.under("apps/web"));
    }

    private static ApplicationSource.Git source(GitTestRepo origin, RenderOptions options) {
        return new ApplicationSource.Git(origin.fileUrl(), "main", new GitCredentials.None(), "apps/web", options);
    }
}
