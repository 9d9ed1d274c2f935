package dev.driftless.kustomize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every refusal is a {@link KustomizeException} whose message names the kustomization file, relative to the load
 * root, and the field that is wrong, so a user can find the line to fix without reading a stack trace.
 */
class ErrorMessagesTest {

    @TempDir
    Path temporary;

    /** The load root; {@code temporary} around it holds what lies outside. */
    private Path root;

    @BeforeEach
    void createLoadRoot() throws IOException {
        root = Files.createDirectories(temporary.resolve("repo"));
    }

    @Test
    void aMissingFileNamesTheKustomizationTheFieldAndTheReference() throws IOException {
        write("apps/web/kustomization.yaml", "resources:\n  - deployment.yaml\n  - missing.yaml\n");
        write("apps/web/deployment.yaml", configMap("web"));

        assertThat(buildError("apps/web"))
                .isEqualTo("apps/web/kustomization.yaml: resources: 'missing.yaml' does not exist");
    }

    @Test
    void cyclicResourcesNameTheKustomizationThatClosesTheCycleAndTheChain() throws IOException {
        write("a/kustomization.yaml", "resources:\n  - ../b\n");
        write("b/kustomization.yaml", "resources:\n  - ../a\n");

        assertThat(buildError("a")).contains("b/kustomization.yaml", "resources", "cycle", "a -> b -> a");
    }

    @Test
    void aPatchWithoutATargetToApplyToNamesThePatchesFieldAndTheObjectItLooksFor() throws IOException {
        write("app/kustomization.yaml", """
                resources:
                  - settings.yaml
                patches:
                  - patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: missing
                      spec:
                        replicas: 2
                """);
        write("app/settings.yaml", configMap("settings"));

        assertThat(buildError("app")).contains("app/kustomization.yaml", "patches", "Deployment", "missing");
    }

    @Test
    void anUnknownFieldIsRefusedByNameRatherThanIgnored() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - settings.yaml\nnameSufix: -v2\n");
        write("app/settings.yaml", configMap("settings"));

        assertThat(buildError("app")).isEqualTo("app/kustomization.yaml: nameSufix: unknown field");
    }

    @Test
    void aRemoteBaseIsRefusedNamingTheReference() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - https://github.com/example/deploy//base?ref=v1.0.0\n");

        assertThat(buildError("app")).contains("app/kustomization.yaml", "resources",
                "'https://github.com/example/deploy//base?ref=v1.0.0'", "remote");
    }

    @Test
    void aPathThatLeavesTheLoadRootThroughDotDotIsRefused() throws IOException {
        Files.writeString(temporary.resolve("outside.yaml"), configMap("outside"));
        write("app/kustomization.yaml", "resources:\n  - ../../outside.yaml\n");

        assertThat(buildError("app")).contains("app/kustomization.yaml", "resources", "'../../outside.yaml'",
                "outside the load root");
    }

    @Test
    void aSymlinkPointingOutsideTheLoadRootIsRefused() throws IOException {
        Path outside = Files.writeString(temporary.resolve("outside.yaml"), configMap("outside"));
        write("app/kustomization.yaml", "resources:\n  - linked.yaml\n");
        Files.createSymbolicLink(root.resolve("app/linked.yaml"), outside);

        assertThat(buildError("app")).contains("app/kustomization.yaml", "resources", "'linked.yaml'",
                "outside the load root");
    }

    @Test
    void aSymlinkedDirectoryPointingOutsideTheLoadRootIsRefused() throws IOException {
        Path outsideBase = Files.createDirectories(temporary.resolve("outside-base"));
        Files.writeString(outsideBase.resolve("kustomization.yaml"), "resources:\n  - settings.yaml\n");
        Files.writeString(outsideBase.resolve("settings.yaml"), configMap("settings"));
        write("app/kustomization.yaml", "resources:\n  - base\n");
        Files.createSymbolicLink(root.resolve("app/base"), outsideBase);

        assertThat(buildError("app")).contains("app/kustomization.yaml", "resources", "'base'",
                "outside the load root");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndPositionButNeverQuotesTheLineWhichMayHoldASecret() throws IOException {
        write("app/kustomization.yaml", "resources:\n  - secret.yaml\n");
        write("app/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: "hunter2-very-secret
                """);
        write("broken/kustomization.yaml", "resources:\n  - 'unterminated-hunter2\n");

        assertThat(buildError("app")).isEqualTo("app/secret.yaml: YAML syntax error at line 7, column 1: while scanning a quoted scalar:"
                        + " found unexpected end of stream")
                .doesNotContain("hunter2");
        assertThat(buildError("broken")).startsWith("broken/kustomization.yaml: YAML syntax error at line 3, column 1")
                .doesNotContain("hunter2");
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

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }
}
