package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.Footprint;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.RenderRequest;
import dev.driftless.engine.render.Rendering;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

        DesiredState before = loader.load(source(origin, "apps/web", RenderOptions.Directory.defaults()));
        DesiredState plugin = loader.load(source(origin, "apps/web", writing));
        DesiredState after = loader.load(source(origin, "apps/web", RenderOptions.Directory.defaults()));

        assertThat(plugin.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(plugin.footprint()).isEqualTo(Footprint.ANYWHERE);
        assertThat(before.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(after.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web");
        assertThat(after.footprint()).isEqualTo(Footprint.under("apps/web"));
    }

    @Test
    void aDirectoryRenderChecksOutOnlyTheApplicationsPath() throws Exception {
        GitTestRepo origin = monorepo();
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());

        DesiredState web = loader.load(source(origin, "apps/plain", RenderOptions.Directory.defaults()));

        assertThat(web.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("plain");
        assertThat(sharedTree(dir.resolve("cache")).resolve("apps/other")).doesNotExist();
    }

    @Test
    void anOverlayWhoseBaseLiesOutsideItsPathRendersAsFromAFullCheckoutWithAndWithoutTheHint() throws Exception {
        GitTestRepo origin = monorepo();
        Rendering full = renderFullCheckout(origin, "apps/web");
        ApplicationSource.Git web = source(origin, "apps/web", RenderOptions.Directory.defaults());
        DesiredStateLoader unhinted = new DesiredStateLoader(new GitSource(dir.resolve("unhinted")), new Renderers());
        DesiredStateLoader hinted = new DesiredStateLoader(new GitSource(dir.resolve("hinted")), new Renderers());

        DesiredState withoutHint = unhinted.load(web);
        DesiredState withHint = hinted.load(web, full.footprint());

        assertThat(full.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web", "web");
        for (DesiredState loaded : List.of(withoutHint, withHint)) {
            assertThat(loaded.manifests()).isEqualTo(full.manifests());
            assertThat(loaded.footprint()).isEqualTo(full.footprint());
        }
        assertThat(sharedTree(dir.resolve("unhinted")).resolve("apps/other"))
                .as("the render without the base failed, so the whole commit was checked out").exists();
        assertThat(sharedTree(dir.resolve("hinted")).resolve("apps/other"))
                .as("the hint named the base").doesNotExist();
    }

    @Test
    void aSymlinkOutOfTheApplicationsPathReadsWhatAFullCheckoutHolds() throws Exception {
        GitTestRepo origin = GitTestRepo.create("mono", dir.resolve("origin/mono.git"));
        origin.commit("linked").write("apps/web/cm.yaml", CONFIG_MAP.formatted("web"))
                .symlink("apps/web/shared.yaml", "../../shared/cm.yaml")
                .write("shared/cm.yaml", CONFIG_MAP.formatted("shared")).create();
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());

        DesiredState web = loader.load(source(origin, "apps/web", RenderOptions.Directory.defaults()),
                Footprint.under("apps/web"));

        assertThat(web.manifests()).isEqualTo(renderFullCheckout(origin, "apps/web").manifests());
        assertThat(web.manifests()).extracting(manifest -> manifest.key().name()).containsExactly("web", "shared");
    }

    @Test
    void anApplicationPathTheCommitDoesNotHoldFailsAsFromAFullCheckout() throws Exception {
        GitTestRepo origin = monorepo();
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());
        RenderException full = catchThrowableOfType(RenderException.class,
                () -> renderFullCheckout(origin, "apps/missing"));

        for (RenderOptions options : List.of(RenderOptions.Directory.defaults(), new RenderOptions.Kustomize())) {
            assertThatThrownBy(() -> loader.load(source(origin, "apps/missing", options), Footprint.under("apps/web")))
                    .isInstanceOf(RenderException.class)
                    .hasMessage(full.getMessage())
                    .hasMessageContaining("apps/missing");
        }
    }

    private GitTestRepo monorepo() {
        GitTestRepo origin = GitTestRepo.create("mono", dir.resolve("origin/mono.git"));
        origin.commit("monorepo")
                .write("apps/plain/cm.yaml", CONFIG_MAP.formatted("plain"))
                .write("apps/web/kustomization.yaml", "resources:\n  - ../../bases/web\n  - cm.yaml\n")
                .write("apps/web/cm.yaml", CONFIG_MAP.formatted("web"))
                .write("apps/other/cm.yaml", CONFIG_MAP.formatted("other"))
                .write("bases/web/kustomization.yaml", "resources:\n  - deployment.yaml\n")
                .write("bases/web/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        """)
                .create();
        return origin;
    }

    private Rendering renderFullCheckout(GitTestRepo origin, String path) throws RenderException {
        GitSource git = new GitSource(dir.resolve("full-cache"));
        RepoSpec repo = RepoSpec.anonymous(origin.fileUrl());
        String sha = git.fetch(repo, "main").sha();
        Path tree = dir.resolve("full-" + sha);
        if (!Files.isDirectory(tree)) {
            git.checkout(repo, sha, tree);
        }
        return new Renderers().renderTracingReads(new RenderRequest(tree, path, RenderOptions.Directory.defaults()));
    }

    /** The one tree a loader's shared checkouts kept, as the newest of its repository. */
    private static Path sharedTree(Path cache) throws Exception {
        try (Stream<Path> trees = Files.find(cache.resolve("checkouts"), 2,
                (path, attributes) -> path.getNameCount() == cache.resolve("checkouts").getNameCount() + 2)) {
            List<Path> found = trees.toList();
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    private static ApplicationSource.Git source(GitTestRepo origin, String path, RenderOptions options) {
        return new ApplicationSource.Git(origin.fileUrl(), "main", new GitCredentials.None(), path, options);
    }
}
