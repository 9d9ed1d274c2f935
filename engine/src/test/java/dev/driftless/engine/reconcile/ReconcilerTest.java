package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.sync.SyncListener;
import dev.driftless.engine.sync.SyncOptions;
import dev.driftless.engine.sync.SyncResult;
import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

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

    private static final String OBJECT_PATH = "/api/v1/namespaces/shop/configmaps/";

    private Reconciler reconcilerOf(Path tree) {
        return new Reconciler(new DesiredStateLoader(new GitSource(tree.resolve(".cache")), new Renderers()),
                Cluster.of(mock.client()));
    }

    private static Application appOf(Path tree) {
        return new Application("shop", new ApplicationSource.Local(tree, "", RenderOptions.Directory.defaults()),
                SyncOptions.defaults("shop"));
    }

    private static void writeConfigMaps(Path tree, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Files.writeString(tree.resolve("config-" + i + ".yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: settings-%d}
                    data: {mode: fast}
                    """.formatted(i));
        }
    }

    private static List<String> readsOfObjects(List<RecordedRequest> requests) {
        return requests.stream().filter(request -> "GET".equals(request.getMethod()))
                .map(RecordedRequest::getPath).filter(path -> path.startsWith(OBJECT_PATH)).toList();
    }

    @Test
    void theCompareRightAfterASyncTakesTheWrittenObjectsFromTheWritesAnswersInsteadOfReadingThem(@TempDir Path tree)
            throws Exception {
        writeConfigMaps(tree, 2);
        Reconciler reconciler = reconcilerOf(tree);
        Application app = appOf(tree);
        Comparison before = reconciler.compare(app);
        SyncResult result = reconciler.sync(app, before, SyncListener.NONE).result();
        Set<ResourceKey> writtenKeys = result.written().keySet();
        mock.takeRequests();

        Comparison after = reconciler.compare(app, loadedAgain(tree), writtenKeys, result.written());

        assertThat(writtenKeys).extracting(ResourceKey::name).containsExactlyInAnyOrder("settings-0", "settings-1");
        assertThat(readsOfObjects(mock.takeRequests())).isEmpty();
        assertThat(after.diffs()).extracting(ResourceDiff::state).containsOnly(SyncState.SYNCED);
        assertThat(after.live().get(writtenKeys.iterator().next()).path("data").path("mode").asText()).isEqualTo("fast");
        assertThat(after.live().get(writtenKeys.iterator().next()).path("metadata").path("resourceVersion").asText())
                .as("the object as the server stored it, not the desired one").isNotEmpty();
    }

    @Test
    void aChangeInTheClusterRightAfterTheWriteIsSeenByTheNextCompare(@TempDir Path tree) throws Exception {
        writeConfigMaps(tree, 1);
        Reconciler reconciler = reconcilerOf(tree);
        Application app = appOf(tree);
        SyncResult result = reconciler.sync(app, reconciler.compare(app), SyncListener.NONE).result();
        mock.client().configMaps().inNamespace("shop").withName("settings-0").edit(map -> {
            map.getData().put("mode", "hand-edited");
            return map;
        });

        Comparison rightAfter = reconciler.compare(app, loadedAgain(tree), result.written().keySet(), result.written());
        Comparison next = reconciler.compare(app, loadedAgain(tree), result.written().keySet());

        assertThat(rightAfter.diffs()).extracting(ResourceDiff::state)
                .as("the write's answer stands for the object in the compare right after").containsExactly(SyncState.SYNCED);
        assertThat(next.diffs()).extracting(ResourceDiff::state).containsExactly(SyncState.OUT_OF_SYNC);
    }

    @Test
    void aSyncOfTwentyObjectsAndItsCompareReadNoneOfThemAgain(@TempDir Path tree) throws Exception {
        writeConfigMaps(tree, 20);
        Reconciler reconciler = reconcilerOf(tree);
        Application app = appOf(tree);
        Comparison before = reconciler.compare(app);
        mock.takeRequests();

        SyncResult result = reconciler.sync(app, before, SyncListener.NONE).result();
        reconciler.compare(app, loadedAgain(tree), result.written().keySet(), result.written());
        List<RecordedRequest> requests = mock.takeRequests();

        assertThat(result.written()).hasSize(20);
        assertThat(readsOfObjects(requests)).as("created unread, and compared from the creates' answers").isEmpty();
        assertThat(requests).filteredOn(request -> "POST".equals(request.getMethod())).hasSize(20);
        reconciler.compare(app, loadedAgain(tree), result.written().keySet());
        assertThat(readsOfObjects(mock.takeRequests())).as("a later compare reads the unconfirmed writes").hasSize(20);
    }

    @Test
    void theWrittenObjectsNeverShowInTheResultsText(@TempDir Path tree) throws Exception {
        Files.writeString(tree.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: token}
                stringData: {token: hunter2-value}
                """);
        Reconciler reconciler = reconcilerOf(tree);
        Application app = appOf(tree);

        SyncResult result = reconciler.sync(app, reconciler.compare(app), SyncListener.NONE).result();

        assertThat(result.written()).hasSize(1);
        assertThat(result.toString()).contains("token").doesNotContain("hunter2-value").doesNotContain("aHVudGVyMi12YWx1ZQ");
    }

    private DesiredState loadedAgain(Path tree) throws Exception {
        return new DesiredStateLoader(new GitSource(tree.resolve(".cache")), new Renderers())
                .load(new ApplicationSource.Local(tree, "", RenderOptions.Directory.defaults()));
    }
}
