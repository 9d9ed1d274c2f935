package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestParserTest {

    private static final String HELM_OUTPUT = """
            ---
            # Source: shop/templates/pair.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            ---
            # Source: shop/templates/pair.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: second
            ---
            # Source: shop/charts/cache/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: cache
            """;

    @Test
    void countsHelmDocumentsPerTemplateAndMapsTemplatesToRepositoryFiles() throws Exception {
        List<Manifest> manifests = ManifestParser.parseHelmOutput(HELM_OUTPUT, "charts/shop",
                source -> "charts/shop/" + source.substring(source.indexOf('/') + 1));

        assertThat(manifests).extracting(Manifest::origin).containsExactly(
                "charts/shop/templates/pair.yaml#1",
                "charts/shop/templates/pair.yaml#2",
                "charts/shop/charts/cache/templates/service.yaml#1");
    }

    @Test
    void countsHelmDocumentsWithoutSourceCommentInTheStream() throws Exception {
        String output = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n";

        List<Manifest> manifests = ManifestParser.parseHelmOutput(output, "charts/shop", source -> "unused/" + source);

        assertThat(manifests).extracting(Manifest::origin).containsExactly("charts/shop#1", "charts/shop#2");
    }

    @Test
    void namesTheTemplateOfAnIncompleteHelmDocument() {
        String output = HELM_OUTPUT + "---\n# Source: shop/templates/bad.yaml\napiVersion: v1\nkind: ConfigMap\n";

        assertThatThrownBy(() -> ManifestParser.parseHelmOutput(output, "charts/shop", source -> "repo/" + source))
                .hasMessageStartingWith("repo/shop/templates/bad.yaml, document 1 as rendered by Helm: missing required field 'metadata'");
    }

    @Test
    void neverQuotesValuesInValidationErrors() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {}\nstringData:\n  password: hunter2\n---\nhunter3\n";

        assertThatThrownBy(() -> ManifestParser.parseYaml(secret, "app/secret.yaml"))
                .hasMessage("app/secret.yaml, document 1 (line 1): missing required field 'metadata.name'");
        assertThatThrownBy(() -> ManifestParser.parseYaml(secret.replace("metadata: {}", "metadata: {name: db}"), "app/secret.yaml"))
                .hasMessage("app/secret.yaml, document 2 (line 7): a Kubernetes object must be a mapping, found a string");
    }

    @Test
    void onlyASyncHookMayNameItselfWithGenerateNameAlone() throws Exception {
        String hook = """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  annotations: {driftless.dev/hook: PreSync}
                """;
        assertThat(ManifestParser.parseYaml(hook, "hooks/migrate.yaml")).hasSize(1);

        String resource = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n";
        assertThatThrownBy(() -> ManifestParser.parseYaml(resource, "jobs/migrate.yaml"))
                .hasMessageContaining("jobs/migrate.yaml").hasMessageContaining("metadata.name");
    }
}
