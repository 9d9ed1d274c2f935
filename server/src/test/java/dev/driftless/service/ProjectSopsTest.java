package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.StoredCluster;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's SOPS keys decrypt its applications' sources in the service: Flux's {@code global/} fixture, encrypted
 * for {@code keys/age-global.txt}, syncs to a Secret holding the clear value (README: {@code data.key} decodes to
 * {@code global-value}), while the same source in a project without keys fails naming the file, writing nothing.
 */
class ProjectSopsTest {

    private static final String CLEAR_VALUE = "global-value";
    private static final ResourceKey SECRET = new ResourceKey("", "Secret", "default", "global-age-secret");

    @TempDir
    Path tempDir;

    private ClusterMock mock;
    private GitServers servers;
    private DriftlessServer server;
    private GitTestRepo repo;

    @BeforeEach
    void start() throws IOException {
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
        repo.commit("Flux's global/ fixture, byte for byte")
                .write("global/kustomization.yaml", fixture("global/kustomization.yaml"))
                .write("global/secret.yaml", fixture("global/secret.yaml"))
                .create();
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withLocalRepositoriesAllowed(true).withPort(0).withSandbox(false));
        server.service().addCluster(new StoredCluster("local", mock.kubeconfig(), "mock", Map.of()), "user:test");
    }

    @AfterEach
    void stop() {
        server.close();
        servers.close();
        mock.close();
    }

    @Test
    void theProjectsKeyDecryptsTheSecretThatSyncs() throws Exception {
        server.service().createProject(project("team-a"),
                new ProjectKeys(fixture("keys/age-global.txt"), ""), "user:test");
        server.service().create(application("shop", "team-a"), "user:test");

        OperationRecord sync = server.service().sync("shop", SyncRequest.by("user:test"), "user:test")
                .get(30, TimeUnit.SECONDS);

        assertThat(sync.phase()).as(sync.message()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        Secret live = mock.client().secrets().inNamespace("default").withName("global-age-secret").get();
        assertThat(live).isNotNull();
        String key = live.getData() != null && live.getData().containsKey("key")
                ? new String(Base64.getDecoder().decode(live.getData().get("key")), StandardCharsets.UTF_8)
                : live.getStringData().get("key");
        assertThat(key).isEqualTo(CLEAR_VALUE);
        assertThat(server.service().manifest("shop", SECRET).toString()).doesNotContain(CLEAR_VALUE)
                .doesNotContain(Base64.getEncoder().encodeToString(CLEAR_VALUE.getBytes(StandardCharsets.UTF_8)));
        assertThat(server.service().diff("shop").toString()).doesNotContain(CLEAR_VALUE);
    }

    @Test
    void withoutTheKeyTheRenderFailsNamingTheFileAndNothingIsWritten() throws Exception {
        server.service().createProject(project("team-b"), ProjectKeys.none(), "user:test");
        server.service().create(application("shop", "team-b"), "user:test");

        OperationRecord sync = server.service().sync("shop", SyncRequest.by("user:test"), "user:test")
                .get(30, TimeUnit.SECONDS);

        assertThat(sync.phase()).isEqualTo(OperationRecord.Phase.FAILED);
        assertThat(sync.message()).contains("global/secret.yaml").contains("age");
        assertThat(mock.takeWrites()).isEmpty();
    }

    private static ProjectSpec project(String name) {
        return new ProjectSpec(name, "", List.of("*"), List.of(new ProjectSpec.Destination("local", "default")),
                List.of(), List.of(), List.of(), List.of());
    }

    private ApplicationSpec application(String name, String project) {
        return new ApplicationSpec(name, project, Map.of(),
                new SourceSpec(servers.httpUrl(repo), "main", "global", null), new DestinationSpec("local", "default"),
                new SyncPolicy(false, false, false, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of());
    }

    private static String fixture(String relative) throws IOException {
        return Files.readString(SopsFixture.file(relative));
    }
}
