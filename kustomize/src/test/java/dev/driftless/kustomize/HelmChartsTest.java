package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code helmCharts} with a fake {@link HelmInflator}: the real kustomize needs a helm binary and
 * {@code --enable-helm}, which the differential test cannot use, so these check what the library hands the
 * inflator and what it does with the objects it gets back.
 */
class HelmChartsTest {

    @TempDir
    Path root;

    private final List<ObjectNode> calls = new ArrayList<>();

    /** Renders one ConfigMap named after the release, recording the entry it was given. */
    private final HelmInflator fake = (chart, kustomization) -> {
        calls.add(chart);
        return List.of(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  template:
                    spec:
                      containers:
                      - name: app
                        image: redis:7.0
                """.formatted(chart.path("releaseName").asText("release"))));
    };

    @Test
    void localChartIsInflatedWithResolvedPathsAndTransformedLikeAnyResource() throws IOException {
        Files.createDirectories(root.resolve("app/charts/redis"));
        write("app/values.yaml", "replicas: 2\n");
        write("app/kustomization.yaml", """
                helmCharts:
                - name: redis
                  releaseName: cache
                  valuesFile: values.yaml
                  valuesInline:
                    auth: false
                images:
                - name: redis
                  newTag: "7.2"
                """);

        List<ObjectNode> built = build("app");

        assertThat(calls).hasSize(1);
        ObjectNode entry = calls.get(0);
        assertThat(entry.path("chartHome").asText()).isEqualTo(root.resolve("app/charts").toRealPath().toString());
        assertThat(entry.path("valuesFile").asText()).isEqualTo(root.resolve("app/values.yaml").toRealPath().toString());
        assertThat(entry.path("valuesInline").path("auth").asBoolean(true)).isFalse();
        assertThat(built).hasSize(1);
        assertThat(built.get(0).path("metadata").path("name").asText()).isEqualTo("cache");
        assertThat(built.get(0).at("/spec/template/spec/containers/0/image").asText()).isEqualTo("redis:7.2");
    }

    @Test
    void chartHomeFromHelmGlobalsIsResolvedFromTheKustomization() throws IOException {
        Files.createDirectories(root.resolve("vendor/charts/redis"));
        write("app/kustomization.yaml", """
                helmGlobals:
                  chartHome: ../vendor/charts
                helmCharts:
                - name: redis
                """);

        build("app");

        assertThat(calls.get(0).path("chartHome").asText())
                .isEqualTo(root.resolve("vendor/charts").toRealPath().toString());
    }

    @Test
    void aRepositoryChartThatIsNotVendoredIsRefusedNamingTheRepoField() throws IOException {
        write("app/kustomization.yaml", """
                helmCharts:
                - name: redis
                  repo: https://charts.example.com
                  version: 18.0.0
                """);

        assertThatThrownBy(() -> build("app"))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("app/kustomization.yaml: helmCharts[0].repo: chart 'redis' is not in app/charts")
                .hasMessageContaining("not pulled from repositories");
        assertThat(calls).isEmpty();
    }

    @Test
    void aMissingLocalChartIsAnErrorNamingTheChart() throws IOException {
        write("app/kustomization.yaml", "helmCharts:\n- name: redis\n");

        assertThatThrownBy(() -> build("app"))
                .hasMessageContaining("app/kustomization.yaml: helmCharts[0].name: chart 'redis' not found in app/charts");
    }

    @Test
    void chartHomeOutsideTheLoadRootIsRefused(@TempDir Path outside) throws IOException {
        Files.createDirectories(outside.resolve("redis"));
        write("app/kustomization.yaml", """
                helmGlobals:
                  chartHome: %s
                helmCharts:
                - name: redis
                """.formatted(outside));

        assertThatThrownBy(() -> build("app"))
                .hasMessageContaining("helmGlobals.chartHome")
                .hasMessageContaining("outside the load root");
        assertThat(calls).isEmpty();
    }

    @Test
    void aChartNameThatIsAPathIsRefused() throws IOException {
        Files.createDirectories(root.resolve("app/charts"));
        write("app/kustomization.yaml", "helmCharts:\n- name: ../../etc\n");

        assertThatThrownBy(() -> build("app"))
                .hasMessageContaining("helmCharts[0].name: '../../etc' must be a chart name, not a path");
    }

    @Test
    void unknownChartFieldsAndMissingNamesAreErrors() throws IOException {
        write("app/kustomization.yaml", "helmCharts:\n- name: redis\n  valueFile: v.yaml\n");
        assertThatThrownBy(() -> build("app")).hasMessageContaining("helmCharts[0].valueFile: unknown field");

        write("app/kustomization.yaml", "helmCharts:\n- releaseName: x\n");
        assertThatThrownBy(() -> build("app")).hasMessageContaining("helmCharts[0].name: is required");
    }

    @Test
    void anObjectWithoutKindFromTheInflatorIsAnError() throws IOException {
        Files.createDirectories(root.resolve("app/charts/redis"));
        write("app/kustomization.yaml", "helmCharts:\n- name: redis\n");
        HelmInflator broken = (chart, kustomization) -> List.of(yaml("apiVersion: v1\nmetadata:\n  name: x\n"));

        assertThatThrownBy(() -> new Kustomizer(Kustomizer.Options.restrictedTo(root).withHelm(broken))
                .build(root.resolve("app")))
                .hasMessageContaining("helmCharts[0]: chart rendered an object without kind");
    }

    @Test
    void withoutAnInflatorChartsAreRefused() throws IOException {
        Files.createDirectories(root.resolve("app/charts/redis"));
        write("app/kustomization.yaml", "helmCharts:\n- name: redis\n");

        assertThatThrownBy(() -> new Kustomizer(Kustomizer.Options.restrictedTo(root)).build(root.resolve("app")))
                .hasMessageContaining("Helm is not available");
    }

    private List<ObjectNode> build(String directory) {
        return new Kustomizer(Kustomizer.Options.restrictedTo(root).withHelm(fake)).build(root.resolve(directory));
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Kustomization.YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
