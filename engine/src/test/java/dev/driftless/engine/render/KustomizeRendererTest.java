package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.kustomize.KustomizeException;
import dev.driftless.kustomize.Kustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class KustomizeRendererTest {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    private final Renderers renderers = new Renderers();

    @Test
    void buildsAnOverlayOverABaseNamingTheKustomizationAndTheSourceFileAsOrigin() throws Exception {
        writeBase();
        write("overlays/prod/kustomization.yaml", """
                resources:
                  - ../../base
                  - extra.yaml
                """);
        write("overlays/prod/extra.yaml", config("extra"));
        write("overlays/prod/not-listed.yaml", config("not-listed"));

        List<Manifest> manifests = render("overlays/prod", new RenderOptions.Kustomize());

        assertThat(manifests).extracting(Manifest::key, Manifest::origin).containsExactlyInAnyOrder(
                tuple(new ResourceKey("apps", "Deployment", "", "web"),
                        "overlays/prod/kustomization.yaml (base/deployment.yaml)"),
                tuple(new ResourceKey("", "ConfigMap", "", "settings"),
                        "overlays/prod/kustomization.yaml (base/settings.yaml)"),
                tuple(new ResourceKey("", "ConfigMap", "", "extra"),
                        "overlays/prod/kustomization.yaml (overlays/prod/extra.yaml)"));
        Manifest web = manifests.stream().filter(manifest -> manifest.kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(web.body().path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void theFootprintOfABuildIsItsPathAndTheFilesItRead() throws Exception {
        writeBase();
        write("base/README.md", "not read");
        write("overlays/prod/kustomization.yaml", "resources:\n  - ../../base\n");
        write("overlays/staging/kustomization.yaml", "resources:\n  - ../../base\n");

        Footprint footprint = renderers.renderTracingReads(
                new RenderRequest(repo, "./overlays/prod/", RenderOptions.Directory.defaults())).footprint();

        assertThat(footprint.trees()).containsExactly("overlays/prod");
        assertThat(footprint.files()).contains("base/kustomization.yaml", "base/deployment.yaml", "base/settings.yaml",
                "base/kustomization.yml");
        assertThat(footprint.touchedBy("base/settings.yaml")).isTrue();
        assertThat(footprint.touchedBy("base/README.md")).isFalse();
        assertThat(footprint.touchedBy("overlays/staging/kustomization.yaml")).isFalse();
    }

    @Test
    void directoriesReadTheirPathAndHelmAndPluginsAnything() throws Exception {
        write("plain/cm.yaml", config("plain"));

        assertThat(renderers.renderTracingReads(new RenderRequest(repo, "plain", RenderOptions.Directory.defaults()))
                .footprint()).isEqualTo(Footprint.under("plain"));
        assertThat(renderers.renderTracingReads(new RenderRequest(repo, "plain", new RenderOptions.Plugin(
                List.of("cat", "cm.yaml"), Map.of(), Duration.ofSeconds(10)))).footprint())
                .isEqualTo(Footprint.ANYWHERE);
    }

    @Test
    void aDirectoryRenderOfAPathHoldingAKustomizationIsBuiltWithKustomizeWhateverTheFileIsCalled() throws Exception {
        writeBase();
        for (String fileName : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            write("app-" + fileName + "/" + fileName, "resources:\n  - listed.yaml\n");
            write("app-" + fileName + "/listed.yaml", config("listed"));
            write("app-" + fileName + "/unlisted.yaml", config("unlisted"));

            List<Manifest> manifests = render("app-" + fileName, RenderOptions.Directory.defaults());

            assertThat(manifests).as("only what " + fileName + " lists, and the kustomization is no manifest")
                    .extracting(manifest -> manifest.key().name()).containsExactly("listed");
        }
    }

    @Test
    void aDirectoryWithoutAKustomizationIsStillReadAsPlainManifests() throws Exception {
        write("plain/a.yaml", config("a"));
        write("plain/b.yaml", config("b"));

        assertThat(render("plain", RenderOptions.Directory.defaults()))
                .extracting(Manifest::origin).containsExactly("plain/a.yaml#1", "plain/b.yaml#1");
    }

    @Test
    void directorySettingsOnAKustomizationAreRefusedRatherThanIgnored() throws Exception {
        writeBase();

        assertThatThrownBy(() -> render("base", new RenderOptions.Directory(true, List.of(), List.of())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("application path 'base' holds a kustomization")
                .hasMessageContaining("recursive, include and exclude");
        assertThatThrownBy(() -> render("base", new RenderOptions.Directory(false, List.of("*.yaml"), List.of())))
                .isInstanceOf(RenderException.class).hasMessageContaining("holds a kustomization");
    }

    @Test
    void anExplicitKustomizeRenderOfADirectoryWithoutAKustomizationFails() throws Exception {
        write("plain/a.yaml", config("a"));

        assertThatThrownBy(() -> render("plain", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class)
                .hasMessage("application path 'plain' holds no kustomization.yaml, kustomization.yml or Kustomization");
    }

    @Test
    void theApplicationPathMustStayInsideTheRepository() {
        assertThatThrownBy(() -> render("../elsewhere", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class).hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> render("missing", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class).hasMessageContaining("'missing' does not exist");
    }

    @Test
    void kustomizeErrorsBecomeRenderErrorsWithTheSameMessage() throws Exception {
        write("app/kustomization.yaml", "resources:\n  - missing.yaml\n");

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render("app", new RenderOptions.Kustomize()));

        KustomizeException direct = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(repo)).build(repo.resolve("app")));
        assertThat(error.getMessage()).isEqualTo(direct.getMessage())
                .contains("app/kustomization.yaml", "resources", "missing.yaml");
        assertThat(error.getCause()).isInstanceOf(KustomizeException.class);
    }

    @Test
    void filesOutsideTheRepositoryAreRefusedThroughDotDotAndThroughSymlinks() throws Exception {
        Files.writeString(outside.resolve("stolen.yaml"), config("stolen"));
        Path outsideName = repo.relativize(outside.resolve("stolen.yaml"));
        write("dotdot/kustomization.yaml", "resources:\n  - ../" + outsideName + "\n");
        write("linked/kustomization.yaml", "resources:\n  - link.yaml\n");
        Files.createSymbolicLink(repo.resolve("linked/link.yaml"), outside.resolve("stolen.yaml"));

        assertThatThrownBy(() -> render("dotdot", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("dotdot/kustomization.yaml: resources:")
                .hasMessageContaining("outside the load root");
        assertThatThrownBy(() -> render("linked", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("linked/kustomization.yaml: resources: 'link.yaml'")
                .hasMessageContaining("outside the load root");
    }

    @Test
    void remoteBasesAreRefusedNamingTheReference() throws Exception {
        write("app/kustomization.yaml", "resources:\n  - github.com/example/repo//deploy?ref=v1\n");

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("app/kustomization.yaml: resources: remote reference"
                        + " 'github.com/example/repo//deploy?ref=v1' refused");
    }

    @Test
    void aSyntaxErrorInASecretDoesNotQuoteItsValues() throws Exception {
        write("app/kustomization.yaml", "resources:\n  - secret.yaml\n");
        write("app/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: "hunter2-very-secret
                  user: admin
                """);

        assertThatThrownBy(() -> render("app", new RenderOptions.Kustomize()))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("app/secret.yaml")
                .hasMessageNotContaining("hunter2");
    }

    private void writeBase() throws IOException {
        write("base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml
                  - settings.yaml
                """);
        write("base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                """);
        write("base/settings.yaml", config("settings"));
    }

    private List<Manifest> render(String path, RenderOptions options) throws RenderException {
        return renderers.render(new RenderRequest(repo, path, options));
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = repo.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String config(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: value\n";
    }
}
