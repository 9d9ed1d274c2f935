package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replacement behaviour the differential test cannot show: where kustomize v5 fails but v4.5.4 silently skips,
 * and the path syntax in isolation.
 */
class ReplacementsTest {

    @TempDir
    Path root;

    private static final String RESOURCES = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              host: db.example.com
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                  - name: api
                    image: api:1
                  - name: sidecar
                    image: proxy:1
            """;

    @Test
    void aMissingTargetFieldIsAnErrorAsInKustomizeV5() throws IOException {
        write("""
                - source:
                    kind: ConfigMap
                    fieldPath: data.host
                  targets:
                  - select:
                      kind: Deployment
                    fieldPaths:
                    - spec.template.spec.containers.[name=api].env.[name=HOST].value
                """);

        assertThatThrownBy(this::build)
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("kustomization.yaml: replacements[0].targets[0]: unable to find field "
                        + "\"spec.template.spec.containers.[name=api].env.[name=HOST].value\" in replacement target "
                        + "apps_v1_Deployment||api");
    }

    @Test
    void createAddsTheMissingListItemsAndLeaf() throws IOException {
        write("""
                - source:
                    kind: ConfigMap
                    fieldPath: data.host
                  targets:
                  - select:
                      kind: Deployment
                    fieldPaths:
                    - spec.template.spec.containers.[name=api].env.[name=HOST].value
                    options:
                      create: true
                """);

        JsonNode env = build().get(1).at("/spec/template/spec/containers/0/env");

        assertThat(env).hasSize(1);
        assertThat(env.get(0).path("name").asText()).isEqualTo("HOST");
        assertThat(env.get(0).path("value").asText()).isEqualTo("db.example.com");
    }

    @Test
    void createWithAWildcardIsRefused() throws IOException {
        write("""
                - source:
                    kind: ConfigMap
                    fieldPath: data.host
                  targets:
                  - select:
                      kind: Deployment
                    fieldPaths:
                    - spec.template.spec.containers.*.env
                    options:
                      create: true
                """);

        assertThatThrownBy(this::build).hasMessageContaining("create cannot be used with '*'");
    }

    @Test
    void aDelimiterOnAMapTargetIsAnError() throws IOException {
        write("""
                - source:
                    kind: ConfigMap
                    fieldPath: data.host
                  targets:
                  - select:
                      kind: Deployment
                    fieldPaths:
                    - spec.template
                    options:
                      delimiter: "."
                """);

        assertThatThrownBy(this::build).hasMessageContaining("delimiter option can only be used with scalar nodes");
    }

    @Test
    void secretValuesNeverAppearInMessages() throws IOException {
        Files.writeString(root.resolve("resources.yaml"), RESOURCES + """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                stringData:
                  token: s3cr3t-value
                """);
        Files.writeString(root.resolve("kustomization.yaml"), """
                resources:
                - resources.yaml
                replacements:
                - source:
                    kind: Secret
                    fieldPath: stringData.token
                    options:
                      delimiter: "-"
                      index: 5
                  targets:
                  - select:
                      kind: Deployment
                """);
        assertThatThrownBy(this::build)
                .hasMessageContaining("options.index 5 is out of bounds for value of the Secret (not shown)")
                .message().doesNotContain("s3cr3t");

        Files.writeString(root.resolve("kustomization.yaml"), """
                resources:
                - resources.yaml
                replacements:
                - source:
                    kind: Secret
                    fieldPath: stringData.token
                  targets:
                  - select:
                      kind: Deployment
                    fieldPaths:
                    - spec.template.spec.containers.[name=api].image
                    - spec.replicas
                    options:
                      create: true
                  - select:
                      kind: ConfigMap
                    fieldPaths:
                    - data.count
                """);
        Files.writeString(root.resolve("resources.yaml"), RESOURCES.replace("host: db.example.com", "count: 3")
                + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: s3cr3t-value\n");
        assertThatThrownBy(this::build)
                .hasMessageContaining("the source value is not a number but the field is")
                .message().doesNotContain("s3cr3t");
    }

    @Test
    void pathsSplitOnDotsOutsideBracketsAndKeepEscapedDots() {
        assertThat(ReplacementPath.parse("spec.containers.[image=nginx:1.0].image").segments())
                .containsExactly("spec", "containers", "[image=nginx:1.0]", "image");
        assertThat(ReplacementPath.parse("metadata.labels.app\\.kubernetes\\.io/name").segments())
                .containsExactly("metadata", "labels", "app.kubernetes.io/name");
        assertThatThrownBy(() -> ReplacementPath.parse("spec..replicas"))
                .hasMessageContaining("empty segment in field path 'spec..replicas'");
    }

    @Test
    void targetsMatchListItemsByRegularExpressionButSourcesExactly() throws IOException {
        ObjectNode deployment = (ObjectNode) Kustomization.YAML.readTree(RESOURCES.split("---\n")[1]);
        ReplacementPath path = ReplacementPath.parse("spec.template.spec.containers.[name=.*a.*].image");

        assertThat(path.find(deployment)).extracting(slot -> slot.value().asText()).containsExactly("api:1", "proxy:1");
        assertThat(path.lookup(deployment)).isEmpty();
        assertThat(ReplacementPath.parse("spec.template.spec.containers.[name=api].image").lookup(deployment))
                .hasValueSatisfying(value -> assertThat(value.asText()).isEqualTo("api:1"));
        assertThat(ReplacementPath.parse("spec.template.spec.containers.1.image").find(deployment))
                .extracting(slot -> slot.value().asText()).containsExactly("proxy:1");
    }

    @Test
    void splitKeepsEmptyPartsAndTreatsTheDelimiterLiterally() {
        assertThat(Replacements.split("a..b", ".")).containsExactly("a", "", "b");
        assertThat(Replacements.split("a|b", "|")).containsExactly("a", "b");
        assertThat(Replacements.split("", ".")).containsExactly("");
    }

    private void write(String replacements) throws IOException {
        Files.writeString(root.resolve("resources.yaml"), RESOURCES);
        Files.writeString(root.resolve("kustomization.yaml"),
                "resources:\n- resources.yaml\nreplacements:\n" + replacements);
    }

    private List<ObjectNode> build() {
        return new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root);
    }
}
