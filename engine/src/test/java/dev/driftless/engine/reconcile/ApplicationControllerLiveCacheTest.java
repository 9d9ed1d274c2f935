package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller's compares read live state from its watch caches, and never show a state older than its writes. */
class ApplicationControllerLiveCacheTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String NAMESPACE = "shop";

    @TempDir
    Path tempDir;

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private GitServers servers;
    private GitTestRepo repo;
    private ApplicationController controller;

    @BeforeEach
    void createRepository() {
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        servers.close();
        cluster.close();
        mock.close();
    }

    private void start(SyncPolicy policy) {
        controller = new ApplicationController(ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)),
                ClusterProvider.of(Map.of("local", new ClusterConnection(cluster, mock.client(), Map.of()))),
                List.of(), new InMemoryOperationLog(), event -> { }, new GitSource(tempDir.resolve("cache")),
                new Renderers());
        controller.start(List.of(new ApplicationSpec("web", null, Map.of(),
                new SourceSpec(repo.fileUrl(), "main", "apps/web", null), new DestinationSpec("local", NAMESPACE),
                policy, List.of(), Set.of())));
    }

    private static SyncPolicy automatedWithPrune() {
        return new SyncPolicy(true, true, false, false, true, SyncPolicy.Retry.defaults(), List.of());
    }

    private String commitConfig(String mode) {
        return repo.commit("web " + mode).write("apps/web/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web}
                data: {mode: %s}
                """.formatted(mode)).create();
    }

    private ApplicationStatus status() {
        return controller.status("web").orElseThrow();
    }

    private Optional<String> liveMode() {
        ConfigMap live = mock.client().configMaps().inNamespace(NAMESPACE).withName("web").get();
        return Optional.ofNullable(live).map(map -> map.getData().get("mode"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The cluster requests of one compare asked for with a refresh. */
    private List<RecordedRequest> requestsOfACompare() {
        try {
            Instant before = status().reconciledAt();
            mock.takeRequests();
            controller.refresh("web");
            await("a compare", () -> status().reconciledAt().isAfter(before));
            return mock.takeRequests();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The application's labelled lists: what a compare sends for each kind the caches cannot answer for. */
    private static List<String> listsOfTheApplication(List<RecordedRequest> requests) {
        return requests.stream().map(request -> URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8))
                .filter(path -> path.contains("labelSelector=driftless.dev/app=web")).toList();
    }

    private void awaitCachesSynced() throws InterruptedException {
        await("a compare that lists nothing", () -> listsOfTheApplication(requestsOfACompare()).isEmpty());
    }

    @Test
    void onceTheCachesHaveSyncedACompareListsNoKind() throws Exception {
        commitConfig("fast");
        start(automatedWithPrune());
        await("Synced", () -> status().sync() == ApplicationStatus.Sync.SYNCED);

        awaitCachesSynced();
        List<RecordedRequest> requests = requestsOfACompare();

        assertThat(listsOfTheApplication(requests)).isEmpty();
        assertThat(status().sync()).isEqualTo(ApplicationStatus.Sync.SYNCED);
    }

    @Test
    void anObjectOfAKindTheApplicationNoLongerDeploysIsFoundInTheCacheAndPruned() throws Exception {
        commitConfig("fast");
        repo.commit("a service").write("apps/web/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {ports: [{port: 80}]}
                """).create();
        start(automatedWithPrune());
        await("the Service live", () -> mock.client().services().inNamespace(NAMESPACE).withName("web").get() != null);
        await("Synced", () -> status().sync() == ApplicationStatus.Sync.SYNCED);
        awaitCachesSynced();

        String withoutService = repo.commit("no service").delete("apps/web/service.yaml").create();
        mock.takeRequests();
        assertThat(controller.onPush(repo.fileUrl(), "refs/heads/main", withoutService, List.of(), spec -> true))
                .containsExactly("web");

        await("the Service pruned", () -> mock.client().services().inNamespace(NAMESPACE).withName("web").get() == null);
        await("Synced without it", () -> status().sync() == ApplicationStatus.Sync.SYNCED
                && status().resources().stream().noneMatch(resource -> resource.key().kind().equals("Service")));
        assertThat(listsOfTheApplication(mock.takeRequests())).as("no list found it: the cache did").isEmpty();
    }

    @Test
    void rightAfterASyncTheStatusShowsWhatItWroteAndALaterChangeInTheClusterIsSeen() throws Exception {
        commitConfig("v1");
        start(SyncPolicy.manual());
        await("compared", () -> status().sync() == ApplicationStatus.Sync.OUT_OF_SYNC);
        controller.sync("web", SyncRequest.by("user:alice")).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        awaitCachesSynced();

        for (String mode : List.of("v2", "v3", "v4")) {
            String sha = commitConfig(mode);
            OperationRecord operation = controller.sync("web", SyncRequest.by("user:alice"))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
            assertThat(liveMode()).contains(mode);
            assertThat(status().revision().orElseThrow().sha()).isEqualTo(sha);
            assertThat(status().sync()).as("the status right after syncing " + mode).isEqualTo(ApplicationStatus.Sync.SYNCED);
        }

        mock.client().configMaps().inNamespace(NAMESPACE).withName("web").edit(map -> {
            map.getData().put("mode", "hand-edited");
            return map;
        });

        await("the edit seen", () -> status().sync() == ApplicationStatus.Sync.OUT_OF_SYNC);
        assertThat(status().resources()).filteredOn(resource -> resource.key().name().equals("web"))
                .singleElement().satisfies(resource -> assertThat(resource.sync()).isEqualTo(SyncState.OUT_OF_SYNC));
    }
}
