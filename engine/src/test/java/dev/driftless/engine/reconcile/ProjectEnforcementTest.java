package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.cluster.Cluster;
import dev.driftless.engine.render.Renderers;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller refuses syncs outside an application's project and writes as the project's service account. */
class ProjectEnforcementTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path tempDir;

    private final ClusterMock mock = ClusterMock.start();
    private final Cluster cluster = Cluster.of(mock.client());
    private final ClusterConnection connection = new ClusterConnection(cluster, mock.client(), Map.of());
    private final InMemoryOperationLog log = new InMemoryOperationLog();
    private GitServers servers;
    private GitTestRepo repo;
    private ApplicationController controller;

    @BeforeEach
    void createRepository() {
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
        controller = new ApplicationController(ControllerSettings.defaults().withPollInterval(Duration.ofHours(1)),
                ClusterProvider.of(Map.of("prod", connection)), List.of(), log, event -> { },
                new GitSource(tempDir.resolve("cache")), new Renderers());
    }

    @AfterEach
    void stop() {
        controller.close();
        connection.closeImpersonated();
        servers.close();
        cluster.close();
        mock.close();
    }

    private static ProjectSpec teamA(List<ProjectSpec.DestinationServiceAccount> accounts) {
        return new ProjectSpec("team-a", null, List.of("*"), List.of(new ProjectSpec.Destination("prod", "team-a")),
                List.of(), List.of(), accounts, List.of());
    }

    private static ApplicationSpec app(String project, String url) {
        return new ApplicationSpec("shop", project, Map.of(), new SourceSpec(url, "main", "apps/shop", null),
                new DestinationSpec("prod", "team-a"), SyncPolicy.manual(), List.of(), Set.of());
    }

    private OperationRecord sync() throws Exception {
        return controller.sync("shop", SyncRequest.by("tester")).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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

    @Test
    void anApplicationWritingAnotherTeamsNamespaceIsRefusedWholeWithNothingWritten() throws Exception {
        repo.commit("shop").write("apps/shop/own.yaml", """
                        {apiVersion: v1, kind: ConfigMap, metadata: {name: own}, data: {mode: fast}}""")
                .write("apps/shop/theirs.yaml", """
                        {apiVersion: v1, kind: ConfigMap, metadata: {name: theirs, namespace: team-b}, data: {mode: evil}}""")
                .write("apps/shop/role.yaml", """
                        {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: admin-all}}""")
                .create();
        controller.updateProjects(List.of(teamA(List.of())));
        controller.start(List.of(app("team-a", repo.fileUrl())));
        mock.takeRequests();

        OperationRecord operation = sync();

        assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.FAILED);
        assertThat(operation.message())
                .contains("application shop is outside project team-a's limits")
                .contains("ConfigMap team-b/theirs: namespace team-b is not a destination of project team-a on cluster prod (allowed: team-a)")
                .contains("ClusterRole/admin-all: cluster-scoped kind rbac.authorization.k8s.io/ClusterRole is not in project team-a's clusterResourceWhitelist");
        assertThat(mock.takeWrites()).isEmpty();
        assertThat(mock.client().configMaps().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(controller.status("shop").orElseThrow().error()).contains("ConfigMap team-b/theirs");
    }

    @Test
    void writesImpersonateTheProjectsServiceAccountThroughOneReusedClient() throws Exception {
        repo.commit("shop").write("apps/shop/own.yaml", """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: own}, data: {mode: fast}}""").create();
        controller.updateProjects(List.of(teamA(List.of(new ProjectSpec.DestinationServiceAccount("prod", "team-a", "deployer")))));
        controller.start(List.of(app("team-a", repo.fileUrl())));
        await("compared", () -> controller.status("shop").orElseThrow().revision().isPresent());
        mock.takeRequests();

        assertThat(sync().phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);

        List<RecordedRequest> writes = mock.takeRequests().stream()
                .filter(request -> !"GET".equals(request.getMethod())).toList();
        assertThat(writes).isNotEmpty().allSatisfy(request ->
                assertThat(request.getHeader("Impersonate-User")).isEqualTo("system:serviceaccount:team-a:deployer"));
        assertThat(mock.client().configMaps().inNamespace("team-a").withName("own").get()).isNotNull();
        assertThat(connection.impersonating("system:serviceaccount:team-a:deployer"))
                .isSameAs(connection.impersonating("system:serviceaccount:team-a:deployer"));
    }

    @Test
    void withoutAServiceAccountWritesCarryNoImpersonation() throws Exception {
        repo.commit("shop").write("apps/shop/own.yaml", """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: own}, data: {mode: fast}}""").create();
        controller.updateProjects(List.of(teamA(List.of())));
        controller.start(List.of(app("team-a", repo.fileUrl())));
        await("compared", () -> controller.status("shop").orElseThrow().revision().isPresent());
        mock.takeRequests();

        assertThat(sync().phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);

        assertThat(mock.takeRequests().stream().filter(request -> !"GET".equals(request.getMethod())))
                .isNotEmpty().allSatisfy(request -> assertThat(request.getHeader("Impersonate-User")).isNull());
    }

    @Test
    void anApplicationOfAnUndeclaredProjectIsNotCompared() throws Exception {
        repo.commit("shop").write("apps/shop/own.yaml", """
                {apiVersion: v1, kind: ConfigMap, metadata: {name: own}, data: {mode: fast}}""").create();
        controller.start(List.of(app("team-z", repo.fileUrl())));

        await("error", () -> !controller.status("shop").orElseThrow().error().isEmpty());

        assertThat(controller.status("shop").orElseThrow().error()).isEqualTo("project 'team-z' is not declared");
        assertThat(sync().phase()).isEqualTo(OperationRecord.Phase.FAILED);
        assertThat(mock.takeWrites()).isEmpty();
    }
}
