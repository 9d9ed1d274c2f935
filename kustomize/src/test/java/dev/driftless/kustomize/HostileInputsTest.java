package dev.driftless.kustomize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Builds of kustomizations written to harm the reader: each fails naming the file and the reason. */
class HostileInputsTest {

    /** Nine levels of nine aliases each: a billion copies of "lol" once expanded. */
    static final String BILLION_LAUGHS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: lol
            data:
              a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
              b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
              c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
              e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
              f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
              g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
              h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
              i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;

    @TempDir
    Path temporary;

    private Path root;

    @BeforeEach
    void createLoadRoot() throws IOException {
        root = Files.createDirectories(temporary.resolve("repo"));
    }

    @Test
    void aBillionLaughsResourceIsRefusedAtItsFirstAlias() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - lol.yaml\n");
        write("app/lol.yaml", BILLION_LAUGHS);

        assertThat(buildError("app")).startsWith("app/lol.yaml: YAML syntax error at line 7, column ")
                .contains("YAML alias '*a' refused");
    }

    @Test
    void aliasesInTheKustomizationItselfAreRefused() throws IOException {
        write("app/kustomization.yaml", "commonLabels: &labels {team: a}\ncommonAnnotations: *labels\n");

        assertThat(buildError("app")).startsWith("app/kustomization.yaml: YAML syntax error at line 2")
                .contains("YAML alias '*labels' refused");
    }

    @Test
    void aHugeDocumentIsRefusedNamingTheLimit() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - huge.yaml\n");
        write("app/huge.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: "
                + "x".repeat(YamlLimits.MAX_DOCUMENT_CODE_POINTS) + "\n");

        assertThat(buildError("app")).startsWith("app/huge.yaml: YAML syntax error")
                .contains("exceeds the limit: " + YamlLimits.MAX_DOCUMENT_CODE_POINTS + " code points");
    }

    @Test
    void deeplyNestedValuesAreRefused() throws IOException {
        int depth = YamlLimits.MAX_NESTING_DEPTH + 1;
        write("app/kustomization.yaml", "resources:\n  - deep.yaml\n");
        write("app/deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: "
                + "[".repeat(depth) + "]".repeat(depth) + "\n");

        assertThat(buildError("app")).startsWith("app/deep.yaml: YAML syntax error")
                .contains("nesting depth");
    }

    @Test
    void anchorsWithoutAliasesAndDeepButBoundedNestingStillBuild() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - fine.yaml\n");
        int depth = YamlLimits.MAX_NESTING_DEPTH - 10;
        write("app/fine.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: &meta\n  name: fine\ndata:\n  x: '"
                + "[".repeat(depth) + "'\nbinaryData: {}\nextra: " + "[".repeat(depth) + "]".repeat(depth) + "\n");

        assertThat(new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root.resolve("app"))).hasSize(1);
    }

    @Test
    void aPatchOrGeneratorFileLinkedFromOutsideIsRefused() throws IOException {
        Path outside = Files.writeString(temporary.resolve("stolen.properties"), "password=hunter2\n");
        write("patched/kustomization.yaml", "resources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n");
        write("patched/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        Files.createSymbolicLink(root.resolve("patched/patch.yaml"), outside);
        write("generated/kustomization.yaml", "configMapGenerator:\n  - name: settings\n    files:\n"
                + "      - app.properties\n");
        Files.createSymbolicLink(root.resolve("generated/app.properties"), outside);
        write("dotdot/kustomization.yaml", "configMapGenerator:\n  - name: settings\n    envs:\n"
                + "      - ../../stolen.properties\n");

        assertThat(buildError("patched")).contains("patched/kustomization.yaml", "'patch.yaml'", "outside the load root")
                .doesNotContain("hunter2");
        assertThat(buildError("generated")).contains("generated/kustomization.yaml", "'app.properties'",
                "outside the load root").doesNotContain("hunter2");
        assertThat(buildError("dotdot")).contains("dotdot/kustomization.yaml", "'../../stolen.properties'",
                "outside the load root").doesNotContain("hunter2");
    }

    @Test
    void aSymlinkInsideTheRepositoryPointingInsideItKeepsWorking() throws IOException {
        write("shared/kustomization.yaml", "resources:\n  - cm.yaml\n");
        write("shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n");
        write("app/kustomization.yaml", "resources:\n  - base\nnamePrefix: app-\n");
        Files.createSymbolicLink(root.resolve("app/base"), Path.of("../shared"));
        write("file/kustomization.yaml", "resources:\n  - relinked.yaml\nnamePrefix: file-\n");
        Files.createSymbolicLink(root.resolve("file/relinked.yaml"), root.resolve("shared/cm.yaml"));
        Kustomizer kustomizer = new Kustomizer(Kustomizer.Options.restrictedTo(root));

        assertThat(kustomizer.build(root.resolve("app"))).extracting(object -> object.at("/metadata/name").asText())
                .containsExactly("app-shared");
        assertThat(kustomizer.build(root.resolve("file"))).extracting(object -> object.at("/metadata/name").asText())
                .containsExactly("file-shared");
    }

    private String buildError(String directory) {
        Kustomizer kustomizer = new Kustomizer(Kustomizer.Options.restrictedTo(root));
        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> kustomizer.build(root.resolve(directory)));
        assertThat(error).as("building " + directory + " must fail with a KustomizeException").isNotNull();
        return error.getMessage();
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
