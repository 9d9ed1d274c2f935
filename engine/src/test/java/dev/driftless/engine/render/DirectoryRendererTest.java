package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryRendererTest {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    private final Renderers renderers = new Renderers();

    @Test
    void rendersFilesSortedByPathThenDocumentOrderCountingEmptyDocuments() throws Exception {
        write("apps/web/b.yaml", """
                # a leading empty document, then two objects
                ---
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: b-first
                ---
                # only a comment
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: b-second
                  namespace: shop
                """);
        write("apps/web/a.yml", config("a"));
        write("apps/web/c.json", """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "c"}}
                """);
        write("apps/web/README.md", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-a-manifest-file\n");

        List<Manifest> manifests = render("apps/web", RenderOptions.Directory.defaults());

        assertThat(manifests).extracting(Manifest::origin)
                .containsExactly("apps/web/a.yml#1", "apps/web/b.yaml#2", "apps/web/b.yaml#4", "apps/web/c.json#1");
        assertThat(manifests).extracting(Manifest::key).containsExactly(
                new ResourceKey("", "ConfigMap", "", "a"),
                new ResourceKey("", "ConfigMap", "", "b-first"),
                new ResourceKey("apps", "Deployment", "shop", "b-second"),
                new ResourceKey("", "Service", "", "c"));
    }

    @Test
    void descendsIntoSubdirectoriesOnlyWhenRecursive() throws Exception {
        write("app/top.yaml", config("top"));
        write("app/nested/deeper/inner.yaml", config("inner"));

        assertThat(render("app", RenderOptions.Directory.defaults())).extracting(Manifest::origin)
                .containsExactly("app/top.yaml#1");
        assertThat(render("app", recursive(List.of(), List.of()))).extracting(Manifest::origin)
                .containsExactly("app/nested/deeper/inner.yaml#1", "app/top.yaml#1");
    }

    @Test
    void rendersTheRepositoryRootForAnEmptyOrDotPath() throws Exception {
        write("root.yaml", config("root"));

        assertThat(render("", RenderOptions.Directory.defaults())).extracting(Manifest::origin)
                .containsExactly("root.yaml#1");
        assertThat(render(".", RenderOptions.Directory.defaults())).extracting(Manifest::origin)
                .containsExactly("root.yaml#1");
    }

    @Test
    void appliesIncludeAndExcludeGlobsRelativeToThePath() throws Exception {
        write("app/base/deploy.yaml", config("deploy"));
        write("app/base/deploy-test.yaml", config("deploy-test"));
        write("app/overlay/service.yaml", config("service"));
        write("app/top.yaml", config("top"));

        List<Manifest> manifests = render("app", recursive(List.of("**/*.yaml"), List.of("**/*-test.yaml", "overlay/**")));

        assertThat(manifests).extracting(manifest -> manifest.key().name()).containsExactly("deploy", "top");
    }

    @Test
    void refusesAnInvalidGlob() {
        assertThatThrownBy(() -> render("", recursive(List.of("[unclosed"), List.of())))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("include glob '[unclosed'");
    }

    @Test
    void flattensListsLikeKubectl() throws Exception {
        write("app/list.yaml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: one
                  - apiVersion: v1
                    kind: Secret
                    metadata:
                      name: two
                """);

        List<Manifest> manifests = render("app", RenderOptions.Directory.defaults());

        assertThat(manifests).extracting(Manifest::origin)
                .containsExactly("app/list.yaml#1.items[0]", "app/list.yaml#1.items[1]");
        assertThat(manifests).extracting(Manifest::kind).containsExactly("ConfigMap", "Secret");
    }

    @Test
    void namesFileDocumentAndFieldOfAnIncompleteObject() throws Exception {
        write("a/kind.yaml", config("first") + "---\napiVersion: v1\nmetadata:\n  name: x\n");
        write("b/api.yaml", "kind: ConfigMap\nmetadata:\n  name: x\n");
        write("c/name.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n");
        write("d/metadata.yaml", "apiVersion: v1\nkind: ConfigMap\n");
        write("e/scalar.yaml", "just a string\n");
        write("f/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata:\n      name: x\n");
        write("g/number.yaml", "apiVersion: v1\nkind: 42\nmetadata:\n  name: x\n");

        assertThatThrownBy(() -> render("a", RenderOptions.Directory.defaults()))
                .hasMessage("a/kind.yaml, document 2 (line 6): missing required field 'kind'");
        assertThatThrownBy(() -> render("b", RenderOptions.Directory.defaults()))
                .hasMessage("b/api.yaml, document 1 (line 1): missing required field 'apiVersion'");
        assertThatThrownBy(() -> render("c", RenderOptions.Directory.defaults()))
                .hasMessage("c/name.yaml, document 1 (line 1): missing required field 'metadata.name'");
        assertThatThrownBy(() -> render("d", RenderOptions.Directory.defaults()))
                .hasMessageStartingWith("d/metadata.yaml, document 1 (line 1): missing required field 'metadata'");
        assertThatThrownBy(() -> render("e", RenderOptions.Directory.defaults()))
                .hasMessage("e/scalar.yaml, document 1 (line 1): a Kubernetes object must be a mapping, found a string");
        assertThatThrownBy(() -> render("f", RenderOptions.Directory.defaults()))
                .hasMessage("f/list.yaml, document 1 (line 1), items[0]: missing required field 'kind'");
        assertThatThrownBy(() -> render("g", RenderOptions.Directory.defaults()))
                .hasMessage("g/number.yaml, document 1 (line 1): field 'kind' must be a non-empty string");
    }

    @Test
    void namesFileAndLineOfAYamlSyntaxErrorWithoutQuotingTheLine() throws Exception {
        write("app/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: "hunter2-unterminated
                """);

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("app/secret.yaml: YAML syntax error at line 7")
                .hasMessageContaining("while scanning a quoted scalar")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void namesFileAndLineOfAJsonSyntaxError() throws Exception {
        write("app/broken.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \n}\n");

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("app/broken.json: syntax error at line 4");
    }

    @Test
    void refusesDuplicateKeysInOneDocument() throws Exception {
        write("app/twice.yaml", "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n  name: x\n");

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .hasMessageStartingWith("app/twice.yaml: syntax error at line 3")
                .hasMessageContaining("Duplicate field 'kind'");
    }

    @Test
    void refusesTheSameObjectRenderedTwiceNamingBothOrigins() throws Exception {
        write("app/one.yaml", config("same"));
        write("app/two.yaml", config("other") + "---\n" + config("same"));

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .hasMessage("object /ConfigMap:/same is rendered twice: in app/one.yaml#1 and in app/two.yaml#2");
    }

    @Test
    void refusesApplicationPathsThatLeaveTheRepositoryOrDoNotExist() throws Exception {
        write("app/ok.yaml", config("ok"));

        assertThatThrownBy(() -> render("app/../../elsewhere", RenderOptions.Directory.defaults()))
                .hasMessage("application path 'app/../../elsewhere' contains '..'; it must stay inside the repository");
        assertThatThrownBy(() -> render("app/..", RenderOptions.Directory.defaults()))
                .hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> render(outside.toString(), RenderOptions.Directory.defaults()))
                .hasMessage("application path '" + outside + "' is absolute; it must be relative to the repository root");
        assertThatThrownBy(() -> render("apps/missing", RenderOptions.Directory.defaults()))
                .hasMessage("application path 'apps/missing' does not exist in the repository");
        assertThatThrownBy(() -> render("app/ok.yaml", RenderOptions.Directory.defaults()))
                .hasMessage("application path 'app/ok.yaml' is not a directory");
    }

    @Test
    void refusesAnApplicationPathThatIsASymlinkLeavingTheRepository() throws Exception {
        Files.writeString(outside.resolve("stolen.yaml"), config("stolen"));
        Files.createSymbolicLink(repo.resolve("app"), outside);

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .hasMessage("application path 'app' resolves outside the repository through a symlink");
    }

    @Test
    void refusesAFileSymlinkLeavingTheRepository() throws Exception {
        write("app/ok.yaml", config("ok"));
        Files.writeString(outside.resolve("stolen.yaml"), config("stolen"));
        Files.createSymbolicLink(repo.resolve("app/link.yaml"), outside.resolve("stolen.yaml"));

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .hasMessage("app/link.yaml resolves outside the repository through a symlink");
    }

    @Test
    void refusesADirectorySymlinkLeavingTheRepository() throws Exception {
        write("app/ok.yaml", config("ok"));
        Files.writeString(outside.resolve("stolen.yaml"), config("stolen"));
        Files.createSymbolicLink(repo.resolve("app/linked"), outside);

        assertThatThrownBy(() -> render("app", recursive(List.of(), List.of())))
                .hasMessage("app/linked resolves outside the repository through a symlink");
    }

    @Test
    void refusesABrokenSymlink() throws Exception {
        write("app/ok.yaml", config("ok"));
        Files.createSymbolicLink(repo.resolve("app/dangling.yaml"), repo.resolve("app/gone.yaml"));

        assertThatThrownBy(() -> render("app", RenderOptions.Directory.defaults()))
                .hasMessage("app/dangling.yaml is a broken symlink");
    }

    @Test
    void followsSymlinksThatStayInsideTheRepository() throws Exception {
        write("shared/common.yaml", config("common"));
        write("app/own.yaml", config("own"));
        Files.createSymbolicLink(repo.resolve("app/common.yaml"), repo.resolve("shared/common.yaml"));
        Files.createSymbolicLink(repo.resolve("app/shared"), Path.of("../shared"));

        List<Manifest> manifests = render("app", recursive(List.of(), List.of("shared/**")));

        assertThat(manifests).extracting(Manifest::origin).containsExactly("app/common.yaml#1", "app/own.yaml#1");
    }

    @Test
    void rendersNothingFromAnEmptyDirectory() throws Exception {
        Files.createDirectories(repo.resolve("empty"));
        write("empty/only-comments.yaml", "# nothing here\n---\n");

        assertThat(render("empty", RenderOptions.Directory.defaults())).isEmpty();
    }

    private List<Manifest> render(String path, RenderOptions.Directory options) throws RenderException {
        return renderers.render(new RenderRequest(repo, path, options));
    }

    private static RenderOptions.Directory recursive(List<String> include, List<String> exclude) {
        return new RenderOptions.Directory(true, include, exclude);
    }

    private void write(String relative, String content) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static String config(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }
}
