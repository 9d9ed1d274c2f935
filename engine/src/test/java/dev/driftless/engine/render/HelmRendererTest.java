package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs real Helm in process; the charts live in {@code src/test/resources/render/helm} and are copied to {@code charts/}. */
class HelmRendererTest {

    @TempDir
    Path repo;

    @TempDir
    Path outside;

    @TempDir
    Path helmTemporaryFiles;

    private Renderers renderers;

    @BeforeEach
    void copyChartsIntoTheRepository() throws IOException, URISyntaxException {
        Path charts = Path.of(HelmRendererTest.class.getResource("/render/helm").toURI());
        try (Stream<Path> paths = Files.walk(charts)) {
            for (Path source : paths.toList()) {
                Path target = repo.resolve("charts").resolve(charts.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        renderers = new Renderers(new DirectoryRenderer(), new HelmRenderer(helmTemporaryFiles), new PluginRenderer());
    }

    @Test
    void rendersAChartWithAVendoredSubchartNamingEachTemplateAsOriginWithoutHooks() throws Exception {
        List<Manifest> manifests = render("charts/umbrella", helm("shop-prod", "retail", List.of(), "", Map.of()));

        Map<ResourceKey, String> originByKey = manifests.stream()
                .collect(Collectors.toMap(Manifest::key, Manifest::origin));
        assertThat(originByKey).as("helm-java leaves the migrate hook out of its output").containsOnly(
                Map.entry(new ResourceKey("", "ConfigMap", "retail", "shop-prod-cache"),
                        "charts/umbrella/charts/cache/templates/configmap.yaml#1"),
                Map.entry(new ResourceKey("", "Service", "retail", "shop-prod-cache"),
                        "charts/umbrella/charts/cache/templates/configmap.yaml#2"),
                Map.entry(new ResourceKey("apps", "Deployment", "retail", "shop-prod-web"),
                        "charts/umbrella/templates/deployment.yaml#1"));
        Manifest cache = manifests.stream().filter(manifest -> manifest.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(cache.body().path("data").path("size").asText())
                .as("the parent's values override the subchart's defaults").isEqualTo("large");
        Manifest web = manifests.stream().filter(manifest -> manifest.kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(web.body().path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void layersValuesFilesThenInlineValuesThenSetPairsAndDeletesTheInlineValuesFile() throws Exception {
        RenderOptions.Helm options = helm("demo", "", List.of("values-prod.yaml", "../shared/extra-values.yaml"),
                "mood: happy\nsize: xl\n", Map.of("size", "xxl"));

        List<Manifest> manifests = render("charts/configurable", options);

        assertThat(manifests).singleElement().satisfies(settings -> {
            assertThat(settings.key()).isEqualTo(new ResourceKey("", "ConfigMap", "", "demo-settings"));
            assertThat(settings.origin()).isEqualTo("charts/configurable/templates/configmap.yaml#1");
            assertThat(settings.body().path("data").properties()).extracting(Map.Entry::getKey, entry -> entry.getValue().asText())
                    .containsOnly(
                            org.assertj.core.groups.Tuple.tuple("greeting", "hello"),
                            org.assertj.core.groups.Tuple.tuple("colour", "blue"),
                            org.assertj.core.groups.Tuple.tuple("mood", "happy"),
                            org.assertj.core.groups.Tuple.tuple("size", "xxl"));
        });
        try (Stream<Path> left = Files.list(helmTemporaryFiles)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void refusesValuesFilesOutsideTheRepository() throws Exception {
        Files.writeString(outside.resolve("values.yaml"), "colour: stolen\n");
        Files.createSymbolicLink(repo.resolve("linked-values.yaml"), outside.resolve("values.yaml"));

        assertThatThrownBy(() -> render("charts/configurable", valuesFile("../../../values.yaml")))
                .isInstanceOf(RenderException.class)
                .hasMessage("values file '../../../values.yaml' (relative to charts/configurable) is outside the repository");
        assertThatThrownBy(() -> render("charts/configurable", valuesFile(outside.resolve("values.yaml").toString())))
                .hasMessageEndingWith("is absolute; it must be a path inside the repository");
        assertThatThrownBy(() -> render("charts/configurable", valuesFile("../../linked-values.yaml")))
                .hasMessage("values file '../../linked-values.yaml' (relative to charts/configurable)"
                        + " resolves outside the repository through a symlink");
        assertThatThrownBy(() -> render("charts/configurable", valuesFile("values-missing.yaml")))
                .hasMessage("values file 'values-missing.yaml' (relative to charts/configurable) does not exist in the repository");
    }

    @Test
    void refusesAChartWithASymlinkLeavingTheRepository() throws Exception {
        Files.writeString(outside.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\n");
        Files.createSymbolicLink(repo.resolve("charts/configurable/templates/secret.yaml"), outside.resolve("secret.yaml"));

        assertThatThrownBy(() -> render("charts/configurable", helm("demo", "", List.of(), "", Map.of())))
                .hasMessage("charts/configurable/templates/secret.yaml resolves outside the repository through a symlink");
    }

    @Test
    void reportsABrokenTemplateWithTheChartPathAndHelmsMessage() throws Exception {
        Files.writeString(repo.resolve("charts/configurable/templates/broken.yaml"), "{{ .Values.missing.deeper }}\n");

        assertThatThrownBy(() -> render("charts/configurable", helm("demo", "", List.of(), "", Map.of())))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("Helm chart charts/configurable failed to render: ")
                .hasMessageContaining("configurable/templates/broken.yaml:1")
                .hasMessageContaining("nil pointer evaluating");
    }

    @Test
    void reportsADirectoryWithoutChartYaml() throws Exception {
        Files.createDirectories(repo.resolve("charts/not-a-chart/templates"));
        Files.writeString(repo.resolve("charts/not-a-chart/templates/cm.yaml"), DirectoryRendererTest.config("x"));

        assertThatThrownBy(() -> render("charts/not-a-chart", helm("demo", "", List.of(), "", Map.of())))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("Helm chart charts/not-a-chart failed to render: ")
                .hasMessageContaining("Chart.yaml");
    }

    private List<Manifest> render(String path, RenderOptions.Helm options) throws RenderException {
        return renderers.render(new RenderRequest(repo, path, options));
    }

    private static RenderOptions.Helm valuesFile(String file) {
        return helm("demo", "", List.of(file), "", Map.of());
    }

    private static RenderOptions.Helm helm(String release, String namespace, List<String> valueFiles, String inline,
                                           Map<String, String> set) {
        return new RenderOptions.Helm(release, namespace, valueFiles, inline, set);
    }
}
