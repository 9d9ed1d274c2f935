package dev.driftless.service;

import dev.driftless.api.webhook.GitProvider;
import dev.driftless.api.webhook.PushEvent;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.StoredRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the dashboard's cluster, repository and event pages read from a running service. */
class DashboardListsTest {

    private static final String ACTOR = "user:alice";
    private static final String SECRET_VALUE = "secret-value-that-must-not-leak";

    @TempDir
    Path tempDir;

    private final ClusterMock mock = ClusterMock.start();
    private DriftlessServer server;
    private DriftlessService service;
    private String goodUrl;
    private String missingUrl;

    @BeforeEach
    void start() throws IOException {
        GitTestRepo repo = GitTestRepo.create("config", tempDir.resolve("git/config"));
        repo.commit("app").write("app/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: credentials}
                stringData: {password: %s}
                """.formatted(SECRET_VALUE)).create();
        goodUrl = repo.fileUrl();
        missingUrl = tempDir.resolve("no-such-repo").toUri().toString();
        Path config = Files.createDirectories(tempDir.resolve("config"));
        Files.writeString(config.resolve("kubeconfig"), mock.kubeconfig());
        Files.writeString(config.resolve("declared.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Cluster
                metadata: {name: declared}
                spec: {kubeconfig: kubeconfig, context: mock}
                """);
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withPort(0).withConfig(new ConfigSource.Directory(config)).withPollInterval(Duration.ofMillis(100))
                .withLocalRepositoriesAllowed(true));
        service = server.service();
        service.create(app("good", goodUrl), ACTOR);
        service.create(app("missing-a", missingUrl), ACTOR);
        service.create(app("missing-b", missingUrl), ACTOR);
    }

    @AfterEach
    void stop() {
        server.close();
        mock.close();
    }

    private static ApplicationSpec app(String name, String url) {
        return new ApplicationSpec(name, null, Map.of(), new SourceSpec(url, "main", "app", null),
                new DestinationSpec("declared", "shop"), SyncPolicy.manual(), List.of(), Set.of());
    }

    private List<AuditEvent> events(EventQuery query) {
        return service.events(query).items();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void clustersCountTheirApplicationsAndShowTheLastContact() throws InterruptedException {
        await("the cluster contacted", () -> service.clusters().getFirst().connection()
                != ClusterView.Connection.UNKNOWN);

        assertThat(service.clusters()).extracting(ClusterView::name, ClusterView::applications, ClusterView::connection)
                .containsExactly(tuple("declared", 3, ClusterView.Connection.CONNECTED));
    }

    @Test
    void repositoriesWithoutCredentialsAreInferredWithTheirLastPoll() throws InterruptedException {
        await("both repositories polled", () -> service.repositories().stream()
                .allMatch(repository -> repository.lastPolledAt().isPresent()));

        List<RepositoryView> repositories = service.repositories();
        assertThat(repositories).extracting(RepositoryView::urlPrefix, RepositoryView::type, RepositoryView::origin,
                        RepositoryView::applications, RepositoryView::poll)
                .containsExactlyInAnyOrder(
                        tuple(goodUrl, "NONE", Origin.INFERRED, 1, RepositoryView.PollState.OK),
                        tuple(missingUrl, "NONE", Origin.INFERRED, 2, RepositoryView.PollState.FAILED));
        assertThat(repositories).filteredOn(repository -> repository.urlPrefix().equals(missingUrl)).singleElement()
                .satisfies(repository -> assertThat(repository.message()).isNotBlank());
        assertThat(repositories).filteredOn(repository -> repository.urlPrefix().equals(goodUrl)).singleElement()
                .satisfies(repository -> assertThat(repository.message()).isEmpty());
    }

    @Test
    void credentialsCoveringARepositoryReplaceItsInferredEntryAndCountItsApplications() {
        String prefix = missingUrl.substring(0, missingUrl.indexOf("no-such-re") + "no-such-re".length());
        assertThat(goodUrl).as("the prefix does not cover the other repository").doesNotStartWith(prefix);
        service.addRepository(new StoredRepository(prefix, StoredRepository.CredentialType.NONE, null, null), ACTOR);

        assertThat(service.repositories()).extracting(RepositoryView::urlPrefix, RepositoryView::origin,
                        RepositoryView::applications)
                .containsExactlyInAnyOrder(tuple(prefix, Origin.API, 2), tuple(goodUrl, Origin.INFERRED, 1));
    }

    @Test
    void countsFollowApplicationsAddedMovedAndDeleted() {
        service.create(app("missing-c", missingUrl), ACTOR);
        service.update(new ApplicationSpec("missing-a", null, Map.of(), new SourceSpec(goodUrl, "main", "app", null),
                new DestinationSpec("declared", "shop"), SyncPolicy.manual(), List.of(), Set.of()), ACTOR);
        service.delete("good", false, ACTOR);

        // good is gone and missing-a moved to its repository: 1 there; missing-b and missing-c remain on the other.
        assertThat(service.clusters()).extracting(ClusterView::name, ClusterView::applications)
                .containsExactly(tuple("declared", 3));
        assertThat(service.repositories()).extracting(RepositoryView::urlPrefix, RepositoryView::applications)
                .containsExactlyInAnyOrder(tuple(goodUrl, 1), tuple(missingUrl, 2));

        service.delete("missing-a", false, ACTOR);

        assertThat(service.clusters()).extracting(ClusterView::applications).containsExactly(2);
        assertThat(service.repositories()).extracting(RepositoryView::urlPrefix, RepositoryView::applications)
                .containsExactly(tuple(missingUrl, 2));
    }

    @Test
    void syncsRecordWhenTheyStartAndEventsFilterByActionAndText() throws Exception {
        service.sync("good", SyncRequest.by(ACTOR), ACTOR).get();
        await("sync.started recorded", () -> !events(new EventQuery(null, null, List.of("sync.started"), null,
                PageRequest.first(10))).isEmpty());

        assertThat(events(new EventQuery("good", null, List.of("sync.started", "sync.succeeded"), null,
                PageRequest.first(10))))
                .extracting(AuditEvent::actor, AuditEvent::action)
                .contains(tuple(ACTOR, "sync.started"));
        assertThat(events(new EventQuery(null, null, List.of("sync.started"), null, PageRequest.first(10))))
                .allSatisfy(event -> assertThat(event.message()).matches("sync of \\p{XDigit}{7} started"));
        assertThat(events(new EventQuery(null, null, List.of(), "ALICE", PageRequest.first(100))))
                .isNotEmpty().allSatisfy(event -> assertThat(event.actor()).isEqualTo(ACTOR));
        assertThat(events(new EventQuery(null, null, List.of(), null, PageRequest.first(1000))).toString())
                .doesNotContain(SECRET_VALUE);
    }

    @Test
    void aWebhookIsRecordedWithProviderRepositoryAndApplicationsRefreshed() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        int refreshed = service.onPush(new PushEvent(GitProvider.GITHUB,
                List.of("https://bot:token-in-url@github.com/shop/other.git"), "refs/heads/main", sha, List.of(),
                false, "alice"), spec -> true);
        service.onPush(new PushEvent(GitProvider.GITLAB, List.of(goodUrl), "refs/heads/old",
                "0000000000000000000000000000000000000000", List.of(), false, ""), spec -> true);

        assertThat(refreshed).isZero();
        List<AuditEvent> received = events(new EventQuery(null, null, List.of("webhook.received"), null,
                PageRequest.first(10)));
        assertThat(received).extracting(AuditEvent::actor).containsExactly("webhook:gitlab", "webhook:github");
        assertThat(received.get(1).message()).isEqualTo(
                "GitHub push to github.com/shop/other moved refs/heads/main to 0123456 by alice; refreshed 0 applications");
        assertThat(received.get(0).message()).contains("deleted refs/heads/old").endsWith("refreshed 0 applications");
        assertThat(received.toString()).doesNotContain("token-in-url");
    }

    @Test
    void aWebhookCountsTheApplicationsItRefreshed() {
        int refreshed = service.onPush(new PushEvent(GitProvider.GITEA, List.of(missingUrl), "refs/heads/main",
                "0123456789abcdef0123456789abcdef01234567", List.of(), false, "bob"), spec -> true);

        assertThat(refreshed).isEqualTo(2);
        assertThat(events(new EventQuery(null, null, List.of("webhook.received"), null, PageRequest.first(10))))
                .singleElement().satisfies(event -> assertThat(event.message())
                        .startsWith("Gitea push to ").endsWith(" by bob; refreshed 2 applications"));
    }
}
