package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.render.sops.SopsKeys;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The loader hands a source's SOPS keys to the render and reports that the render decrypted something. */
class DesiredStateLoaderSopsTest {

    private static final SopsKeys GLOBAL = SopsKeys.fromFiles(List.of(SopsFixture.file("keys/age-global.txt")),
            List.of());

    @TempDir
    Path dir;

    @Test
    void aGitSourceWithKeysIsDecryptedAndMarkedSo() throws Exception {
        GitTestRepo origin = GitTestRepo.create("sops", dir.resolve("origin/sops.git"));
        origin.commit("encrypted secret")
                .write("global/kustomization.yaml", Files.readString(SopsFixture.file("global/kustomization.yaml")))
                .write("global/secret.yaml", Files.readString(SopsFixture.file("global/secret.yaml")))
                .create();
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());

        DesiredState loaded = loader.load(new ApplicationSource.Git(origin.fileUrl(), "main",
                new GitCredentials.None(), "global", RenderOptions.Directory.defaults(), GLOBAL));

        assertThat(loaded.decrypted()).isTrue();
        assertThat(loaded.manifests()).singleElement().satisfies(manifest ->
                assertThat(manifest.body().path("stringData").path("key").asText()).isEqualTo("global-value"));
    }

    @Test
    void aLocalSourceWithoutKeysFailsOnTheEncryptedFile() {
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());

        RenderException error = catchThrowableOfType(RenderException.class, () -> loader.load(
                new ApplicationSource.Local(SopsFixture.path(), "global", RenderOptions.Directory.defaults())));

        assertThat(error.getMessage()).contains("global/secret.yaml", "no SOPS keys");
    }

    @Test
    void aPlainRenderIsNotMarkedDecrypted() throws Exception {
        DesiredStateLoader loader = new DesiredStateLoader(new GitSource(dir.resolve("cache")), new Renderers());
        Files.createDirectories(dir.resolve("plain"));
        Files.copy(SopsFixture.file("algorithms/vault.yaml"), dir.resolve("plain/secret.yaml"));

        DesiredState loaded = loader.load(new ApplicationSource.Local(dir, "plain", RenderOptions.Directory.defaults(),
                GLOBAL));

        assertThat(loaded.decrypted()).isFalse();
        assertThat(loaded.manifests()).hasSize(1);
    }
}
