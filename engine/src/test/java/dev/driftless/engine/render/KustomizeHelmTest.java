package dev.driftless.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.kustomize.KustomizeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real Helm in process on a chart written into the repository, as a kustomization's helmCharts entry. */
class KustomizeHelmTest {

    private static final String KUSTOMIZATION = "apps/web/kustomization.yaml";

    @TempDir
    Path repo;

    @TempDir
    Path helmTemporaryFiles;

    private KustomizeHelm inflator;

    @BeforeEach
    void writeChart() throws IOException {
        write("apps/web/charts/settings/Chart.yaml", "apiVersion: v2\nname: settings\nversion: 1.0.0\n");
        write("apps/web/charts/settings/values.yaml", "colour: red\nsize: s\nmood: plain\n");
        write("apps/web/charts/settings/templates/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                  namespace: {{ .Release.Namespace }}
                data:
                  colour: {{ .Values.colour | quote }}
                  size: {{ .Values.size | quote }}
                  mood: {{ .Values.mood | quote }}
                """);
        write("apps/web/values-prod.yaml", "colour: blue\nsize: m\n");
        write("apps/shared/more-values.yaml", "size: l\n");
        inflator = new KustomizeHelm(new HelmRenderer(helmTemporaryFiles), repo.toRealPath());
    }

    @Test
    void rendersTheChartUnderChartHomeWithValuesFilesThenInlineValues() throws Exception {
        ObjectNode chart = entry("""
                name: settings
                releaseName: shop
                namespace: retail
                valuesFile: values-prod.yaml
                additionalValuesFiles: [../shared/more-values.yaml]
                valuesInline:
                  mood: happy
                """);

        List<ObjectNode> objects = inflator.inflate(chart, KUSTOMIZATION);

        assertThat(objects).singleElement().satisfies(settings -> {
            assertThat(settings.path("metadata").path("name").asText()).isEqualTo("shop-settings");
            assertThat(settings.path("metadata").path("namespace").asText()).isEqualTo("retail");
            assertThat(settings.path("data").path("colour").asText()).as("from valuesFile").isEqualTo("blue");
            assertThat(settings.path("data").path("size").asText()).as("additionalValuesFiles come later").isEqualTo("l");
            assertThat(settings.path("data").path("mood").asText()).as("valuesInline comes last").isEqualTo("happy");
        });
        try (var left = Files.list(helmTemporaryFiles)) {
            assertThat(left).as("the inline values file is deleted").isEmpty();
        }
    }

    @Test
    void aKustomizationWithHelmChartsIsBuiltThroughTheWholePipelineWithRealHelm() throws Exception {
        write("apps/web/kustomization.yaml", """
                namespace: shop
                namePrefix: prod-
                commonLabels: {team: web}
                helmCharts:
                - name: settings
                  releaseName: web
                  valuesInline: {colour: green}
                """);

        List<dev.driftless.engine.model.Manifest> rendered = new Renderers()
                .render(new RenderRequest(repo, "apps/web", RenderOptions.Directory.defaults()));

        assertThat(rendered).hasSize(1);
        ObjectNode settings = rendered.getFirst().body();
        assertThat(settings.at("/metadata/name").asText()).as("rendered by Helm, then prefixed").isEqualTo("prod-web-settings");
        assertThat(settings.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(settings.at("/metadata/labels/team").asText()).isEqualTo("web");
        assertThat(settings.at("/data/colour").asText()).as("inline values").isEqualTo("green");
        assertThat(settings.at("/data/size").asText()).as("chart default").isEqualTo("s");
    }

    @Test
    void aChartThatIsNotInTheRepositoryIsNotDownloaded() throws Exception {
        ObjectNode chart = entry("name: redis\nrepo: https://charts.example.com\nversion: 1.2.3\n");

        assertThatThrownBy(() -> inflator.inflate(chart, KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessage(KUSTOMIZATION + ": helmCharts: chart 'redis': no chart at apps/web/charts/redis; charts must"
                        + " be vendored in the repository, Driftless downloads nothing (repo https://charts.example.com)");
    }

    @Test
    void fieldsHelmJavaCannotHonourAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> inflator.inflate(entry("name: settings\nincludeCRDs: true\n"), KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith(KUSTOMIZATION + ": helmCharts: chart 'settings': includeCRDs: not supported");
        assertThatThrownBy(() -> inflator.inflate(entry("name: settings\nvaluesMerge: replace\n"), KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("chart 'settings': valuesMerge: 'replace' is not supported");
        assertThatThrownBy(() -> inflator.inflate(entry("name: settings\nskipTests: true\n"), KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("chart 'settings': skipTests: not supported");
        assertThatThrownBy(() -> inflator.inflate(entry("releaseName: x\n"), KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("helmCharts: chart '': name: a chart needs a name");
    }

    @Test
    void valuesFilesAndChartsOutsideTheRepositoryAreRefused(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("values.yaml"), "colour: stolen\n");
        String outsideValues = repo.resolve("apps/web").toRealPath().relativize(outside.resolve("values.yaml").toRealPath()).toString();

        assertThatThrownBy(() -> inflator.inflate(entry("name: settings\nvaluesFile: " + outsideValues + "\n"), KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith(KUSTOMIZATION + ": helmCharts: chart 'settings': values file")
                .hasMessageContaining("is outside the repository");
        ObjectNode elsewhere = entry("name: settings\n");
        elsewhere.put("chartHome", outside.toRealPath().toString());
        assertThatThrownBy(() -> inflator.inflate(elsewhere, KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("chartHome: " + outside.toRealPath().resolve("settings") + " is outside the repository");
    }

    @Test
    void secretInlineValuesDoNotReachErrorMessages() throws Exception {
        write("apps/web/charts/broken/Chart.yaml", "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
        write("apps/web/charts/broken/templates/configmap.yaml", "{{ required \"size is required\" .Values.size }}\n");
        ObjectNode chart = entry("name: broken\nvaluesInline:\n  password: hunter2-very-secret\n");

        assertThatThrownBy(() -> inflator.inflate(chart, KUSTOMIZATION))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("chart 'broken'")
                .hasMessageContaining("size is required")
                .hasMessageNotContaining("hunter2-very-secret");
    }

    /** An entry as the kustomize library passes it: chartHome resolved to an absolute path. */
    private ObjectNode entry(String yaml) throws IOException {
        ObjectNode chart = (ObjectNode) Documents.YAML.readTree(yaml);
        chart.put("chartHome", repo.toRealPath().resolve("apps/web/charts").toString());
        return chart;
    }

    private void write(String relativePath, String content) throws IOException {
        Path file = repo.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
