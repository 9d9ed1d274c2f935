package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.sync.SyncOptions;
import dev.driftless.engine.testing.ClusterMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {

    private final ClusterMock mock = ClusterMock.start();

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void hooksAreNeitherReadNorDiffedBeforeASyncButStayInTheDesiredSetForThePlanner(@TempDir Path tree) throws Exception {
        Files.writeString(tree.resolve("config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: fast}
                """);
        Files.writeString(tree.resolve("migrate.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  annotations: {driftless.dev/hook: PreSync}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:1"}]
                """);
        Reconciler reconciler = new Reconciler(
                new DesiredStateLoader(new GitSource(tree.resolve(".cache")), new Renderers()), Cluster.of(mock.client()));
        Application app = new Application("shop",
                new ApplicationSource.Local(tree, "", RenderOptions.Directory.defaults()), SyncOptions.defaults("shop"));

        Comparison comparison = reconciler.compare(app);

        assertThat(comparison.desired()).extracting(manifest -> manifest.kind()).containsExactlyInAnyOrder("ConfigMap", "Job");
        assertThat(comparison.diffs()).extracting(ResourceDiff::state).containsExactly(SyncState.MISSING);
        assertThat(comparison.diffs().getFirst().key().kind()).isEqualTo("ConfigMap");
        assertThat(mock.takeRequests()).extracting(request -> request.getPath())
                .noneMatch(path -> path.contains("/jobs/"));
    }
}
