package dev.driftless.kustomize;

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
 * What the differential cases cannot cover: {@code labels[].includeTemplates} exists only from kustomize v5
 * (v4.5.4 refuses the field), and the messages for malformed {@code labels} entries.
 */
class LabelsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
            """;

    @TempDir
    Path dir;

    @Test
    void includeTemplatesLabelsTheTemplateButNotTheSelector() throws IOException {
        ObjectNode deployment = buildOne("""
                resources:
                - deployment.yaml
                labels:
                - pairs:
                    version: v2
                  includeTemplates: true
                """);

        assertThat(deployment.at("/metadata/labels/version").asText()).isEqualTo("v2");
        assertThat(deployment.at("/spec/template/metadata/labels/version").asText()).isEqualTo("v2");
        assertThat(deployment.at("/spec/selector/matchLabels").properties()).hasSize(1);
        assertThat(deployment.at("/spec/selector/matchLabels/version").isMissingNode()).isTrue();
    }

    @Test
    void plainEntriesOnlyLabelTheObjectItself() throws IOException {
        ObjectNode deployment = buildOne("""
                resources:
                - deployment.yaml
                labels:
                - pairs:
                    version: v2
                """);

        assertThat(deployment.at("/metadata/labels/version").asText()).isEqualTo("v2");
        assertThat(deployment.at("/spec/template/metadata/labels/version").isMissingNode()).isTrue();
    }

    @Test
    void aFieldSpecWithoutPathIsRefusedNamingIt() throws IOException {
        assertThatThrownBy(() -> buildOne("""
                resources:
                - deployment.yaml
                labels:
                - pairs:
                    a: b
                  fields:
                  - kind: Deployment
                """)).isInstanceOf(KustomizeException.class)
                .hasMessage("kustomization.yaml: labels[0].fields[0].path: is required");
    }

    @Test
    void aNonBooleanIncludeSelectorsIsRefused() throws IOException {
        assertThatThrownBy(() -> buildOne("""
                resources:
                - deployment.yaml
                labels:
                - pairs:
                    a: b
                  includeSelectors: "yes"
                """)).isInstanceOf(KustomizeException.class)
                .hasMessage("kustomization.yaml: labels[0].includeSelectors: must be true or false");
    }

    private ObjectNode buildOne(String kustomization) throws IOException {
        Files.writeString(dir.resolve("deployment.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        List<ObjectNode> objects = new Kustomizer(Kustomizer.Options.restrictedTo(dir)).build(dir);
        assertThat(objects).hasSize(1);
        return objects.getFirst();
    }
}
