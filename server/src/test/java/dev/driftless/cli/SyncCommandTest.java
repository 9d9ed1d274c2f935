package dev.driftless.cli;

import dev.driftless.engine.testing.ClusterMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless sync --local} with desired objects that cannot be planned: bad input, and nothing is written. */
class SyncCommandTest {

    private static final String SETTINGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: production}
            """;

    @TempDir
    Path work;

    ClusterMock cluster;
    Path kubeconfig;
    Path tree;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = ClusterMock.start();
        kubeconfig = Files.writeString(work.resolve("kubeconfig"), cluster.kubeconfig());
        tree = Files.createDirectories(work.resolve("tree/deploy"));
        Files.writeString(tree.resolve("settings.yaml"), SETTINGS);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aKindWithoutItsDefinitionIsBadInputNamingKindAndFile() throws Exception {
        Files.writeString(tree.resolve("widget.yaml"), """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: sprocket}
                spec: {size: 3}
                """);

        CliRun sync = sync();

        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(2);
        assertThat(sync.err()).contains("Widget", "example.com/v1", "widget.yaml");
        assertThat(cluster.takeWrites()).as("the ConfigMap beside it is not applied either").isEmpty();
    }

    @Test
    void diffReportsTheUnknownKindTheSameWay() throws Exception {
        Files.writeString(tree.resolve("widget.yaml"), """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: sprocket}
                """);

        CliRun diff = CliRun.of("diff", "--local", tree.getParent().toString(), "--path", "deploy",
                "--kubeconfig", kubeconfig.toString(), "--context", "mock");

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(2);
        assertThat(diff.err()).contains("Widget", "widget.yaml");
    }

    @Test
    void aClusterScopedObjectWithANamespaceIsBadInputNamingTheFile() throws Exception {
        Files.writeString(tree.resolve("namespace.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, namespace: default}
                """);

        CliRun sync = sync();

        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(2);
        assertThat(sync.err()).contains("namespace.yaml", "cluster-scoped");
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void aSyncWaveThatIsNotANumberIsBadInputNamingTheFile() throws Exception {
        Files.writeString(tree.resolve("settings.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  annotations: {driftless.dev/sync-wave: early}
                data: {mode: production}
                """);

        CliRun sync = sync();

        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(2);
        assertThat(sync.err()).contains("settings.yaml", "early");
        assertThat(cluster.takeWrites()).isEmpty();
    }

    @Test
    void aValidTreeIsApplied() {
        CliRun sync = sync();

        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(cluster.client().configMaps().inNamespace("shop").withName("settings").get().getData())
                .containsEntry("mode", "production");
    }

    private CliRun sync() {
        return CliRun.of("sync", "--local", tree.getParent().toString(), "--path", "deploy", "--app", "shop",
                "--namespace", "shop", "--kubeconfig", kubeconfig.toString(), "--context", "mock");
    }
}
