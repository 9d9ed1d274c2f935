package dev.driftless.service;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's rules: where definitions come from, what may change, validation, paging and secrets. */
class ServiceFacadeTest {

    private static final String ACTOR = "user:alice";
    private static final String GIT_PASSWORD = "git-password-that-must-not-leak";

    @TempDir
    Path tempDir;

    private final ClusterMock mock = ClusterMock.start();
    private DriftlessServer server;
    private DriftlessService service;

    @BeforeEach
    void start() throws IOException {
        Path config = Files.createDirectories(tempDir.resolve("config"));
        Files.writeString(config.resolve("kubeconfig"), mock.kubeconfig());
        Files.writeString(config.resolve("declared.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Cluster
                metadata: {name: declared, labels: {env: test}}
                spec: {kubeconfig: kubeconfig, context: mock}
                ---
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: declared-app}
                spec:
                  source: {repoURL: "%s", path: app}
                  destination: {cluster: declared, namespace: declared}
                """.formatted(tempDir.resolve("no-such-repo").toUri()));
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withPort(0).withConfig(new ConfigSource.Directory(config)).withSandbox(true).withLocalRepositoriesAllowed(true));
        service = server.service();
    }

    @AfterEach
    void stop() {
        server.close();
        mock.close();
    }

    private ApplicationSpec app(String name, String cluster, Map<String, String> labels) {
        return new ApplicationSpec(name, null, labels,
                new SourceSpec(tempDir.resolve("no-such-repo").toUri().toString(), "main", "app", null),
                new DestinationSpec(cluster, "ns"), SyncPolicy.manual(), List.of(), Set.of());
    }

    private String auditText() {
        return service.events(new EventQuery(null, null, PageRequest.first(1000))).items().stream()
                .map(AuditEvent::toString).reduce("", String::concat);
    }

    @Test
    void declaredDefinitionsAreReadOnlyAndNoSandboxStartsWhenAClusterIsConfigured() {
        assertThat(server.sandboxUrl()).isEmpty();
        assertThat(service.clusters()).extracting(ClusterView::name, ClusterView::origin, ClusterView::sandbox)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("declared", Origin.CONFIG, false));
        assertThat(service.application("declared-app").orElseThrow().origin()).isEqualTo(Origin.CONFIG);

        assertThatThrownBy(() -> service.update(app("declared-app", "declared", Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Conflict.class).hasMessageContaining("declared in configuration");
        assertThatThrownBy(() -> service.delete("declared-app", false, ACTOR))
                .isInstanceOf(ServiceException.Conflict.class);
        assertThatThrownBy(() -> service.create(app("declared-app", "declared", Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Conflict.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> service.removeCluster("declared", ACTOR))
                .isInstanceOf(ServiceException.Conflict.class);
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> service.create(app("web", "nowhere", Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Invalid.class).hasMessageContaining("destination.cluster")
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> service.create(app("Not A Name", "declared", Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Invalid.class);
        assertThatThrownBy(() -> service.update(app("ghost", "declared", Map.of()), ACTOR))
                .isInstanceOf(ServiceException.NotFound.class);
        assertThatThrownBy(() -> service.delete("ghost", true, ACTOR)).isInstanceOf(ServiceException.NotFound.class);
        assertThatThrownBy(() -> service.rollback("declared-app", 999, ACTOR))
                .isInstanceOf(ServiceException.NotFound.class).hasMessageContaining("999");
        assertThatThrownBy(() -> service.applications(ApplicationFilter.none(), 0, 0))
                .isInstanceOf(ServiceException.Invalid.class).hasMessageContaining("limit");
        assertThat(service.applications(ApplicationFilter.none(), 10, 0).total())
                .as("nothing refused was stored").isEqualTo(1);
    }

    @Test
    void applicationsArePagedAndFilteredOnTheServer() {
        for (String name : List.of("web-a", "web-b", "api")) {
            service.create(app(name, "declared", Map.of("team", name.startsWith("web") ? "web" : "core")), ACTOR);
        }

        ApplicationPage page = service.applications(ApplicationFilter.none(), 2, 1);
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(view -> view.spec().name()).containsExactly("declared-app", "web-a");

        ApplicationFilter webTeam = new ApplicationFilter(null, null, "declared", Map.of("team", "web"), null, null, null);
        assertThat(service.applications(webTeam, 10, 0).items()).extracting(view -> view.spec().name())
                .containsExactly("web-a", "web-b");
        ApplicationFilter byName = new ApplicationFilter("-B", null, null, Map.of(), null, null, null);
        assertThat(service.applications(byName, 10, 0).items()).extracting(view -> view.spec().name())
                .containsExactly("web-b");
        ApplicationFilter synced = new ApplicationFilter(null, null, null, Map.of(), "Synced", null, null);
        assertThat(service.applications(synced, 10, 0).total()).as("none can read its repository").isZero();
    }

    @Test
    void freeTextMatchesAnyShownFieldAndCountsIgnoreOnlyTheStatusFilters() {
        service.create(app("web-a", "declared", Map.of("team", "Payments")), ACTOR);
        service.create(app("api", "declared", Map.of("team", "core")), ACTOR);

        assertThat(names(new ApplicationFilter(null, null, null, Map.of(), null, null, "PAYM")))
                .as("a label value, whatever the case").containsExactly("web-a");
        assertThat(names(new ApplicationFilter(null, null, null, Map.of(), null, null, "no-such-repo")))
                .as("the repository URL").containsExactly("api", "declared-app", "web-a");
        assertThat(names(new ApplicationFilter(null, null, null, Map.of(), null, null, "declared")))
                .as("name or cluster").containsExactly("api", "declared-app", "web-a");
        assertThat(names(new ApplicationFilter(null, null, null, Map.of(), null, null, "team")))
                .as("label keys are not matched").isEmpty();

        ApplicationPage synced = service.applications(
                new ApplicationFilter(null, null, null, Map.of(), "Synced", null, "a"), 10, 0);
        assertThat(synced.total()).as("none can read its repository").isZero();
        assertThat(synced.counts().sync()).as("what the other sync filters would give")
                .containsEntry("Unknown", 3L).containsEntry("Synced", 0L).containsEntry("OutOfSync", 0L);
        assertThat(synced.counts().health()).containsEntry("Unknown", 3L).containsEntry("Healthy", 0L);
        ApplicationPage payments = service.applications(
                new ApplicationFilter(null, null, null, Map.of(), null, null, "payments"), 10, 0);
        assertThat(payments.counts().sync()).as("the other filters still apply").containsEntry("Unknown", 1L);
    }

    private List<String> names(ApplicationFilter filter) {
        return service.applications(filter, 10, 0).items().stream().map(view -> view.spec().name()).toList();
    }

    @Test
    void clusterAndRepositoryCredentialsNeverReachViewsOrTheAuditLog() {
        service.addCluster(new StoredCluster("extra", mock.kubeconfig(), "mock", Map.of("env", "extra")), ACTOR);
        service.addRepository(new StoredRepository("https://git.example.com/", StoredRepository.CredentialType.BASIC,
                "deployer", GIT_PASSWORD), ACTOR);

        assertThat(service.clusters()).filteredOn(cluster -> cluster.name().equals("extra")).singleElement()
                .satisfies(cluster -> {
                    assertThat(cluster.server()).isEqualTo(mock.url() + "/");
                    assertThat(cluster.origin()).isEqualTo(Origin.API);
                });
        assertThat(service.repositories()).filteredOn(repository -> repository.origin() == Origin.API).containsExactly(
                new RepositoryView("https://git.example.com/", "BASIC", "deployer", Origin.API));
        assertThat(service.repositories().toString() + auditText()).doesNotContain(GIT_PASSWORD)
                .doesNotContain("not-a-real-token");
        assertThatThrownBy(() -> service.addCluster(new StoredCluster("broken", "token: " + GIT_PASSWORD + "\n: :",
                null, Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Invalid.class).hasMessageNotContaining(GIT_PASSWORD);
        assertThatThrownBy(() -> service.addCluster(new StoredCluster("wrong-context", mock.kubeconfig(), "nope",
                Map.of()), ACTOR))
                .isInstanceOf(ServiceException.Invalid.class).hasMessageContaining("no context named nope");

        service.create(app("uses-extra", "extra", Map.of()), ACTOR);
        assertThatThrownBy(() -> service.removeCluster("extra", ACTOR))
                .isInstanceOf(ServiceException.Conflict.class).hasMessageContaining("uses-extra");
        service.delete("uses-extra", false, ACTOR);
        service.removeCluster("extra", ACTOR);
        service.removeRepository("https://git.example.com/", ACTOR);

        assertThat(service.clusters()).extracting(ClusterView::name).containsExactly("declared");
        assertThat(service.repositories()).extracting(RepositoryView::origin).containsOnly(Origin.INFERRED);
        assertThatThrownBy(() -> service.removeRepository("https://git.example.com/", ACTOR))
                .isInstanceOf(ServiceException.NotFound.class);
        assertThat(service.events(new EventQuery(null, ACTOR, PageRequest.first(100))).items())
                .extracting(AuditEvent::action)
                .contains("cluster.add", "repository.add", "application.create", "application.delete",
                        "cluster.remove", "repository.remove");
    }
}
