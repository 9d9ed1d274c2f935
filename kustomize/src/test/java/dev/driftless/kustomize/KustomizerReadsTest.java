package dev.driftless.kustomize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link Kustomizer#buildTracingReads} records: every input of the build, and nothing it did not look at. */
class KustomizerReadsTest {

    @TempDir
    Path root;

    @Test
    void recordsBasesPatchesGeneratorFilesAndComponents() throws IOException {
        write("base/kustomization.yaml", "resources:\n- deployment.yaml\n");
        write("base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
        write("base/README.md", "not read");
        write("components/probes/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                - path: probe.yaml
                """);
        write("components/probes/probe.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  minReadySeconds: 5\n");
        write("overlays/prod/kustomization.yaml", """
                resources:
                - ../../base
                components:
                - ../../components/probes
                patches:
                - path: replicas.yaml
                configMapGenerator:
                - name: settings
                  files:
                  - app.properties
                  envs:
                  - settings.env
                """);
        write("overlays/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                + "spec:\n  replicas: 3\n");
        write("overlays/prod/app.properties", "a=1\n");
        write("overlays/prod/settings.env", "B=2\n");
        write("overlays/staging/kustomization.yaml", "resources:\n- ../../base\n");

        Kustomizer.Built built = new Kustomizer(Kustomizer.Options.restrictedTo(root))
                .buildTracingReads(root.resolve("overlays/prod"));

        assertThat(built.resources()).hasSize(2);
        assertThat(built.read().files()).contains(
                "overlays/prod/kustomization.yaml", "overlays/prod/replicas.yaml", "overlays/prod/app.properties",
                "overlays/prod/settings.env", "base", "base/kustomization.yaml", "base/deployment.yaml",
                "components/probes", "components/probes/kustomization.yaml", "components/probes/probe.yaml");
        assertThat(built.read().files())
                .as("names probed for a kustomization file count even though they do not exist")
                .contains("base/kustomization.yml", "base/Kustomization", "overlays/prod/Kustomization")
                .noneMatch(path -> path.startsWith("overlays/staging"))
                .doesNotContain("base/README.md");
        assertThat(built.read().directories()).isEmpty();
    }

    @Test
    void recordsAHelmChartAsAWholeDirectoryAndItsValuesFiles() throws IOException {
        write("app/kustomization.yaml", """
                helmCharts:
                - name: redis
                  valuesFile: values.yaml
                """);
        write("app/values.yaml", "replicas: 1\n");
        write("app/charts/redis/Chart.yaml", "name: redis\n");
        HelmInflator noObjects = (chart, kustomization) -> List.of();

        Kustomizer.Built built = new Kustomizer(Kustomizer.Options.restrictedTo(root).withHelm(noObjects))
                .buildTracingReads(root.resolve("app"));

        assertThat(built.read().directories()).containsExactly("app/charts/redis");
        assertThat(built.read().files()).contains("app/kustomization.yaml", "app/values.yaml");
    }

    @Test
    void aReferenceThroughASymlinkRecordsTheLinkAndItsTarget() throws IOException {
        write("shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        write("app/kustomization.yaml", "resources:\n- linked/cm.yaml\n");
        Files.createSymbolicLink(root.resolve("app/linked"), Path.of("../shared"));

        Kustomizer.Built built = new Kustomizer(Kustomizer.Options.restrictedTo(root))
                .buildTracingReads(root.resolve("app"));

        assertThat(built.read().files()).contains("app/linked/cm.yaml", "shared/cm.yaml");
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
