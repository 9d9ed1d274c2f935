package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless render --local} with the Helm and plugin renderers. */
class RenderCommandTest {

    @TempDir
    Path tree;

    @BeforeEach
    void writeChart() throws IOException {
        Path chart = Files.createDirectories(tree.resolve("charts/tiny/templates"));
        Files.writeString(tree.resolve("charts/tiny/Chart.yaml"), """
                apiVersion: v2
                name: tiny
                version: 0.1.0
                """);
        Files.writeString(tree.resolve("charts/tiny/values.yaml"), """
                greeting: hello
                color: blue
                """);
        Files.writeString(tree.resolve("charts/tiny/values-prod.yaml"), """
                greeting: bonjour
                color: red
                """);
        Files.writeString(chart.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  greeting: {{ .Values.greeting | quote }}
                  color: {{ .Values.color | quote }}
                """);
    }

    @Test
    void aHelmChartRendersWithItsDefaultValuesAndTheApplicationAsRelease() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "charts/tiny", "--helm", "--app", "shop");

        assertThat(render.exitCode()).as(render.all()).isZero();
        List<JsonNode> objects = documents(render.out());
        assertThat(objects).hasSize(1);
        JsonNode settings = objects.getFirst();
        assertThat(settings.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(settings.path("metadata").path("name").asText()).isEqualTo("shop-settings");
        assertThat(settings.path("data").path("greeting").asText()).isEqualTo("hello");
        assertThat(settings.path("data").path("color").asText()).isEqualTo("blue");
    }

    @Test
    void valuesFilesApplyFirstThenSetPairsWin() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "charts/tiny", "--helm",
                "--release-name", "prod", "--values", "values-prod.yaml", "--set", "greeting=hallo", "-o", "json");

        assertThat(render.exitCode()).as(render.all()).isZero();
        JsonNode objects = json(render.out());
        assertThat(objects).hasSize(1);
        JsonNode settings = objects.get(0);
        assertThat(settings.path("metadata").path("name").asText()).isEqualTo("prod-settings");
        assertThat(settings.path("data").path("color").asText()).as("from values-prod.yaml").isEqualTo("red");
        assertThat(settings.path("data").path("greeting").asText()).as("--set beats the values file").isEqualTo("hallo");
    }

    @Test
    void inlineValuesOverrideValuesFilesAndYieldToSetPairs() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "charts/tiny", "--helm",
                "--values", "values-prod.yaml", "--values-inline", "{color: green, greeting: hi}",
                "--set", "greeting=servus", "-o", "json");

        assertThat(render.exitCode()).as(render.all()).isZero();
        JsonNode settings = json(render.out()).get(0);
        assertThat(settings.path("data").path("color").asText()).as("inline beats the values file").isEqualTo("green");
        assertThat(settings.path("data").path("greeting").asText()).as("--set beats inline values").isEqualTo("servus");
    }

    @Test
    void aValuesFileOutsideTheChartIsNamedInTheError() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "charts/tiny", "--helm",
                "--values", "missing-values.yaml");

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.err()).contains("missing-values.yaml");
        assertThat(render.out()).isEmpty();
    }

    @Test
    void aPluginRendersWhatItPrintsRunningInTheApplicationPath() throws IOException {
        Files.createDirectories(tree.resolve("apps/billing"));
        String command = "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: from-plugin\\ndata:\\n"
                + "  dir: %s\\n---\\napiVersion: v1\\nkind: ServiceAccount\\nmetadata:\\n  name: runner\\n'"
                + " \"$(basename \"$PWD\")\"";

        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "apps/billing", "--plugin", command);

        assertThat(render.exitCode()).as(render.all()).isZero();
        List<JsonNode> objects = documents(render.out());
        assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .containsExactly("ConfigMap/from-plugin", "ServiceAccount/runner");
        assertThat(objects.getFirst().path("data").path("dir").asText()).isEqualTo("billing");
    }

    @Test
    void aFailingPluginIsBadInputQuotingTheEndOfItsStandardError() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--plugin",
                "echo 'rendering apps' >&2; echo 'kustomize: no kustomization.yaml in .' >&2; exit 4");

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.err()).contains("exited with code 4", "kustomize: no kustomization.yaml in .");
        assertThat(render.out()).isEmpty();
    }

    @Test
    void helmAndPluginTogetherAreAUsageError() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "charts/tiny", "--helm",
                "--plugin", "cat *.yaml");

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.err()).contains("--helm", "--plugin");
        assertThat(render.out()).isEmpty();
    }

    private static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            Documents.YAML.readerFor(JsonNode.class).readValues(yaml)
                    .forEachRemaining(document -> documents.add((JsonNode) document));
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + yaml, e);
        }
        return documents;
    }

    private static JsonNode json(String text) {
        try {
            return Documents.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
