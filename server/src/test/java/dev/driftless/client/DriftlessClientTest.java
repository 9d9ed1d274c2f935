package dev.driftless.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed client against a fake service: what each method sends, how answers and errors are read. */
class DriftlessClientTest {

    private static final String TOKEN = "api-token-Vb71xq";

    private FakeApiServer server;
    private DriftlessClient client;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(TOKEN);
        client = new DriftlessClient(server.uri(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listSendsPagingAndEveryFilterEncodedAndReadsThePage() throws Exception {
        server.answer("GET", "/api/applications", 200, """
                {"items": [{"name": "web", "project": "shop", "cluster": "prod", "namespace": "shop",
                            "labels": {"team": "a"}, "sync": "OutOfSync", "health": "Degraded", "revision": "main",
                            "automated": true, "origin": "api", "addedByANewerServer": 1}],
                 "total": 31, "offset": 20, "limit": 10}""");

        ApplicationPage page = client.listApplications(new ApplicationQuery(10, 20, "we b", "shop", "prod",
                List.of("team=a", "tier=front&back"), SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED));

        FakeApiServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo("limit=10&offset=20&name=we+b&project=shop&cluster=prod"
                + "&label=team%3Da&label=tier%3Dfront%26back&sync=OutOfSync&health=Degraded");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(page.total()).isEqualTo(31);
        assertThat(page.items()).containsExactly(new ApplicationSummary("web", "shop", "prod", "shop", null, null,
                Map.of("team", "a"), SyncStatus.OUT_OF_SYNC, HealthStatus.DEGRADED, "main", true, "api"));
    }

    @Test
    void anUnfilteredListSendsOnlyPaging() {
        server.answer("GET", "/api/applications", 200, "{\"items\": [], \"total\": 0, \"offset\": 0, \"limit\": 100}");

        client.listApplications(ApplicationQuery.all());

        assertThat(server.onlyRequest().query()).isEqualTo("limit=100&offset=0");
    }

    @Test
    void getReadsTheStatusWithResourcesAndTheLastOperation() {
        server.answer("GET", "/api/applications/web", 200, """
                {"definition": {"apiVersion": "driftless.dev/v1alpha1", "kind": "Application",
                                "metadata": {"name": "web"}, "spec": {"destination": {"cluster": "prod"}}},
                 "origin": "config",
                 "status": {"sync": "Synced", "health": "Progressing", "healthMessage": "1 of 2 replicas",
                            "revision": "0123456789abcdef0123456789abcdef01234567",
                            "resources": [{"key": "apps/Deployment:shop/web", "group": "apps", "kind": "Deployment",
                                           "namespace": "shop", "name": "web", "sync": "SYNCED", "health": "Progressing"}],
                            "lastOperation": {"id": 12, "phase": "SUCCEEDED", "startedAt": "2025-03-01T10:00:00Z",
                                              "resources": [{"key": "apps/Deployment:shop/web", "action": "UPDATED"}]},
                            "errors": ["render: values.yaml not found"], "reconciledAt": "2025-03-01T10:00:05Z",
                            "health2": "ignored"}}""");

        Application application = client.getApplication("web");

        assertThat(application.name()).isEqualTo("web");
        assertThat(application.origin()).isEqualTo("config");
        ApplicationStatus status = application.status();
        assertThat(status.health()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(status.resources()).singleElement().satisfies(resource -> {
            assertThat(resource.sync()).isEqualTo(SyncState.SYNCED);
            assertThat(resource.kind()).isEqualTo("Deployment");
        });
        assertThat(status.lastOperation().id()).isEqualTo(12);
        assertThat(status.lastOperation().startedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(status.lastOperation().resources()).containsExactly(
                new Operation.ResourceResult("apps/Deployment:shop/web", "UPDATED", null));
        assertThat(status.errors()).containsExactly("render: values.yaml not found");
        assertThat(status.reconciledAt()).isEqualTo(Instant.parse("2025-03-01T10:00:05Z"));
    }

    @Test
    void statusesANewerServerInventsReadAsUnknown() {
        server.answer("GET", "/api/applications/web", 200,
                "{\"status\": {\"sync\": \"Drifting\", \"health\": \"Sleepy\"}}");

        ApplicationStatus status = client.getApplication("web").status();

        assertThat(status.sync()).isEqualTo(SyncStatus.UNKNOWN);
        assertThat(status.health()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void createPostsTheDocumentAndUpdatePutsIt() throws Exception {
        ObjectNode document = (ObjectNode) Documents.JSON.readTree(
                "{\"kind\": \"Application\", \"metadata\": {\"name\": \"web\"}, \"spec\": {\"source\": {\"path\": \"web\"}}}");
        server.answer("POST", "/api/applications", 201, "{\"definition\": " + document + ", \"origin\": \"api\"}");
        server.answer("PUT", "/api/applications/web", 200, "{\"definition\": " + document + ", \"origin\": \"api\"}");

        assertThat(client.createApplication(document).name()).isEqualTo("web");
        client.updateApplication("web", document);

        List<FakeApiServer.Request> requests = server.requests();
        assertThat(requests).extracting(FakeApiServer.Request::method, FakeApiServer.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/api/applications"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/api/applications/web"));
        for (FakeApiServer.Request request : requests) {
            assertThat(Documents.JSON.readTree(request.body())).isEqualTo(document);
        }
    }

    @Test
    void deleteSendsCascadeAndNamesAreEncodedAsOnePathSegment() {
        server.answer("DELETE", "/api/applications/web%2Fv2%20beta", 204, null);

        client.deleteApplication("web/v2 beta", true);

        FakeApiServer.Request request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/applications/web%2Fv2%20beta");
        assertThat(request.query()).isEqualTo("cascade=true");
    }

    @Test
    void syncSendsOnlyTheOptionsGiven() throws Exception {
        server.answer("POST", "/api/applications/web/sync", 202, "{\"id\": 13, \"phase\": \"RUNNING\"}");

        Operation operation = client.sync("web", new SyncRequest(null, null, true, List.of("apps/Deployment:shop/web")));

        assertThat(operation.id()).isEqualTo(13);
        assertThat(Documents.JSON.readTree(server.onlyRequest().body())).isEqualTo(
                Documents.JSON.readTree("{\"dryRun\": true, \"resources\": [\"apps/Deployment:shop/web\"]}"));
    }

    @Test
    void aDefaultSyncSendsAnEmptyObject() {
        server.answer("POST", "/api/applications/web/sync", 202, "{\"id\": 1}");

        client.sync("web", SyncRequest.defaults());

        assertThat(server.onlyRequest().body()).isEqualTo("{}");
    }

    @Test
    void refreshDiffHistoryAndRollbackUseTheirRoutes() throws Exception {
        server.answer("POST", "/api/applications/web/refresh", 202, null)
                .answer("GET", "/api/applications/web/diff", 200, """
                        [{"key": "/ConfigMap:shop/settings", "state": "OUT_OF_SYNC",
                          "fields": [{"path": "data.mode", "live": "debug", "desired": "prod", "manager": "kubectl-edit (Update)"}]}]""")
                .answer("GET", "/api/applications/web/history", 200, "[{\"id\": 7, \"revision\": \"v1\"}]")
                .answer("POST", "/api/applications/web/rollback", 202, "{\"id\": 8, \"revision\": \"v1\"}");

        client.refresh("web");
        List<ResourceDiff> diff = client.diff("web");
        List<Operation> history = client.history("web", 5);
        Operation rollback = client.rollback("web", 7);

        assertThat(diff).singleElement().satisfies(resource -> {
            assertThat(resource.state()).isEqualTo(SyncState.OUT_OF_SYNC);
            assertThat(resource.fields().getFirst().desired().asText()).isEqualTo("prod");
            assertThat(resource.fields().getFirst().manager()).isEqualTo("kubectl-edit (Update)");
        });
        assertThat(history).extracting(Operation::id).containsExactly(7L);
        assertThat(rollback.id()).isEqualTo(8);
        List<FakeApiServer.Request> requests = server.requests();
        assertThat(requests.get(2).query()).isEqualTo("limit=5");
        assertThat(Documents.JSON.readTree(requests.get(3).body())).isEqualTo(Documents.JSON.readTree("{\"id\": 7}"));
    }

    @Test
    void clustersAndRepositoriesAreListedAddedAndRemoved() throws Exception {
        server.answer("GET", "/api/clusters", 200,
                        "[{\"name\": \"sandbox\", \"server\": \"https://127.0.0.1:1\", \"sandbox\": true, \"origin\": \"sandbox\"}]")
                .answer("POST", "/api/clusters", 201, null)
                .answer("DELETE", "/api/clusters/prod", 204, null)
                .answer("GET", "/api/repositories", 200, "[{\"urlPrefix\": \"https://git.example/\", \"type\": \"basic\", \"username\": \"bot\"}]")
                .answer("POST", "/api/repositories", 201, null)
                .answer("DELETE", "/api/repositories/https%3A%2F%2Fgit.example%2Fteam%2F", 204, null);

        assertThat(client.listClusters()).containsExactly(new Cluster("sandbox", "https://127.0.0.1:1", Map.of(), true, "sandbox"));
        client.addCluster(new ClusterInput("prod", "apiVersion: v1\n", "admin@prod", Map.of("env", "prod")));
        client.removeCluster("prod");
        assertThat(client.listRepositories()).containsExactly(new Repository("https://git.example/", "basic", "bot", null));
        client.addRepository(RepositoryInput.token("https://git.example/team/", null, "ghp_secret"));
        client.removeRepository("https://git.example/team/");

        List<FakeApiServer.Request> requests = server.requests();
        assertThat(Documents.JSON.readTree(requests.get(1).body())).isEqualTo(Documents.JSON.readTree(
                "{\"name\": \"prod\", \"kubeconfig\": \"apiVersion: v1\\n\", \"context\": \"admin@prod\", \"labels\": {\"env\": \"prod\"}}"));
        assertThat(Documents.JSON.readTree(requests.get(4).body())).isEqualTo(Documents.JSON.readTree(
                "{\"urlPrefix\": \"https://git.example/team/\", \"token\": \"ghp_secret\"}"));
        assertThat(requests.get(5).path()).isEqualTo("/api/repositories/https%3A%2F%2Fgit.example%2Fteam%2F");
    }

    @Test
    void eventsAreFilteredByApplicationAndPaged() {
        server.answer("GET", "/api/events", 200,
                "[{\"time\": \"2025-03-01T10:00:00Z\", \"actor\": \"alice\", \"action\": \"sync\", \"application\": \"web\"}]");

        List<Event> events = client.events("web", 20, 40);

        assertThat(server.onlyRequest().query()).isEqualTo("application=web&limit=20&offset=40");
        assertThat(events).containsExactly(new Event(Instant.parse("2025-03-01T10:00:00Z"), "alice", "sync", "web", null));
    }

    @Test
    void anErrorAnswerBecomesAnApiExceptionWithTheServersText() {
        server.answer("GET", "/api/applications/gone", 404, "{\"error\": \"no application gone\"}");

        assertThatThrownBy(() -> client.getApplication("gone"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.clientError()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("no application gone");
                });
    }

    @Test
    void anErrorPageThatIsNotTheApisErrorDocumentIsNotEchoed() {
        server.answer("GET", "/api/clusters", 502, null);
        server.answer("GET", "/api/repositories", 500, "<html>proxy stack trace</html>");

        assertThatThrownBy(() -> client.listClusters())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.clientError()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("GET /api/clusters answered HTTP 502");
                });
        assertThatThrownBy(() -> client.listRepositories())
                .hasMessage("GET /api/repositories answered HTTP 500");
    }

    @Test
    void anAnswerThatIsNotWhatTheApiDescribesIsAnApiException() {
        server.answer("GET", "/api/clusters", 200, "{\"not\": \"a list\"}");

        assertThatThrownBy(() -> client.listClusters())
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("the answer to GET /api/clusters is not what the API describes");
    }

    @Test
    void withoutATokenNoAuthorizationIsSentAndTheServerRefuses() {
        DriftlessClient anonymous = new DriftlessClient(server.uri(), null);

        assertThatThrownBy(anonymous::listClusters)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.onlyRequest().authorization()).isNull();
    }

    @Test
    void aRefusedConnectionNamesTheServer() throws Exception {
        URI closed = FakeApiServer.closedPort();
        DriftlessClient unreachable = new DriftlessClient(closed, TOKEN);

        assertThatThrownBy(unreachable::listClusters)
                .isInstanceOf(ServerUnreachableException.class)
                .hasMessage("cannot reach the Driftless server at " + closed + ": connection refused");
    }

    @Test
    void anUnknownHostIsNamedAsSuch() {
        DriftlessClient unknown = new DriftlessClient(URI.create("http://driftless.invalid:8080"), TOKEN);

        assertThatThrownBy(unknown::listClusters)
                .isInstanceOf(ServerUnreachableException.class)
                .hasMessage("cannot reach the Driftless server at http://driftless.invalid:8080: unknown host");
    }

    @Test
    void theTokenAppearsNeitherInToStringNorInErrorsEvenWhenTheServerEchoesIt() {
        server.answer("GET", "/api/clusters", 400, "{\"error\": \"bad header Bearer " + TOKEN + "\"}");

        assertThat(client.toString()).contains(server.uri().toString()).doesNotContain(TOKEN);
        assertThatThrownBy(client::listClusters).hasMessage("bad header Bearer <redacted>");
    }

    @Test
    void inputsWithCredentialsLeaveThemOutOfToString() {
        String kubeconfig = "users: [{name: admin, user: {token: kube-secret-81}}]";

        assertThat(new ClusterInput("prod", kubeconfig, null, Map.of()).toString()).doesNotContain("kube-secret-81");
        assertThat(RepositoryInput.basic("https://git.example/", "bot", "pw-Zq1").toString())
                .contains("bot").doesNotContain("pw-Zq1");
        assertThat(RepositoryInput.token("https://git.example/", null, "tok-Zq2").toString()).doesNotContain("tok-Zq2");
        assertThat(RepositoryInput.ssh("git@git.example:", "-----KEY-Zq3-----", null).toString()).doesNotContain("KEY-Zq3");
    }

    @Test
    void serverUrlsThatCannotWorkAreRefusedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> new DriftlessClient(URI.create("http://admin:pw-Lk9@driftless.example"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry user information")
                .message().doesNotContain("pw-Lk9");
        assertThatThrownBy(() -> new DriftlessClient(URI.create("ftp://driftless.example"), TOKEN))
                .hasMessageContaining("expected http://HOST[:PORT]");
    }

    @Test
    void aPathPrefixOfTheServerUrlIsKept() {
        DriftlessClient behindProxy = new DriftlessClient(URI.create(server.uri() + "/driftless/"), TOKEN);

        assertThatThrownBy(behindProxy::listClusters).isInstanceOf(ApiException.class);
        assertThat(server.onlyRequest().path()).isEqualTo("/driftless/api/clusters");
    }

    @Test
    void invalidPagingIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> new ApplicationQuery(0, 0, null, null, null, null, null, null))
                .hasMessage("limit 0: must be between 1 and 1000");
        assertThatThrownBy(() -> client.events(null, 10, -1)).hasMessage("offset -1: must not be negative");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void toJsonSpellsStatusesAndTimesAsTheApiDoes() {
        JsonNode json = DriftlessClient.toJson(new Event(Instant.parse("2025-03-01T10:00:00Z"), null, "sync", "web", null));

        assertThat(json.toString()).isEqualTo("{\"time\":\"2025-03-01T10:00:00Z\",\"action\":\"sync\",\"application\":\"web\"}");
        assertThat(DriftlessClient.toJson(SyncStatus.OUT_OF_SYNC).asText()).isEqualTo("OutOfSync");
    }
}
