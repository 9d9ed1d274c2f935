package dev.driftless.service;

import dev.driftless.client.DriftlessClient;
import java.io.UncheckedIOException;
import dev.driftless.engine.render.sops.SopsFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import dev.driftless.store.StoredCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/projects} on the whole service, and applications checked against their project. */
class ProjectApiTest {

    private static final String AGE_KEY = "AGE-SECRET-KEY-13KKUAYPY05KMYEN2ERGUN27VK300D7NHKUGJ5W83JAZPF5SVE96QKXCY59";
    private static final String PGP_KEY = fixturePgpKey();
    /** A line from the middle of the PGP key's armored body. */
    private static final String PGP_SECRET = PGP_KEY.lines().toList().get(4);

    /** Flux's PGP test key (shared/fixtures/sops-flux/keys/pgp.asc): a real key, as the project check parses it. */
    private static String fixturePgpKey() {
        try {
            return Files.readString(SopsFixture.file("keys/pgp.asc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> answers = new ArrayList<>();
    private ClusterMock mock;
    private GitServers servers;
    private GitTestRepo repo;
    private DriftlessServer server;
    private String token;

    @BeforeEach
    void start() throws IOException {
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
        repo.commit("shop writes into team-b").write("app/objects.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: own}
                data: {mode: fast}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: theirs, namespace: team-b}
                data: {mode: evil}
                """).create();
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withLocalRepositoriesAllowed(true).withPort(0).withSandbox(false));
        token = DriftlessClient.signIn(server.url(), "admin", server.initialAdminPassword().orElseThrow()).token();
        server.service().addCluster(new StoredCluster("local", mock.kubeconfig(), "mock", Map.of()), "user:test");
    }

    @AfterEach
    void stop() {
        server.close();
        servers.close();
        mock.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return sendAs(token, method, path, body);
    }

    private HttpResponse<String> sendAs(String bearer, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(response.body());
        return response;
    }

    private OperationRecord finishedOperation(String application) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            List<OperationRecord> history = server.service().history(application, 1);
            if (!history.isEmpty() && history.getFirst().phase() != OperationRecord.Phase.RUNNING) {
                return history.getFirst();
            }
            assertThat(Instant.now()).as("waiting for an operation of " + application).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Documents.JSON.readTree(response.body());
    }

    private static ObjectNode project(String name, String policyObject) throws IOException {
        return (ObjectNode) Documents.YAML.readTree("""
                apiVersion: driftless.dev/v1alpha1
                kind: Project
                metadata: {name: %s}
                spec:
                  description: team A's applications
                  sourceRepos: ["*"]
                  destinations:
                  - {cluster: local, namespace: team-a}
                  - {cluster: local, namespace: team-a-*}
                  roles:
                  - name: deployer
                    policies: ["p, proj:%s:deployer, applications, sync, %s, allow"]
                    groups: [team-a-devs]
                """.formatted(name, name, policyObject));
    }

    private static ObjectNode withKeys(ObjectNode project) {
        project.putObject("sops").put("ageKey", AGE_KEY).put("pgpKey", PGP_KEY);
        return project;
    }

    private String application(String namespace) {
        return """
                {"apiVersion": "driftless.dev/v1alpha1", "kind": "Application", "metadata": {"name": "shop"},
                 "spec": {"project": "team-a", "source": {"repoURL": "%s", "targetRevision": "main", "path": "app"},
                          "destination": {"cluster": "local", "namespace": "%s"}}}""".formatted(repo.fileUrl(), namespace);
    }

    @Test
    void aProjectRoleTokenMayDoWhatTheRolesPoliciesSayAndNoMore() throws Exception {
        send("POST", "/api/projects", project("team-a", "team-a/*").toString());
        assertThat(send("POST", "/api/applications", application("team-a")).statusCode()).isEqualTo(201);
        HttpResponse<String> issued = send("POST", "/api/tokens",
                "{\"project\": \"team-a\", \"role\": \"deployer\", \"expiresIn\": \"1h\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(json(issued).path("subject").asText()).isEqualTo("proj:team-a:deployer");
        String deployer = json(issued).path("token").asText();

        assertThat(sendAs(deployer, "POST", "/api/applications/shop/sync", "{\"dryRun\": true}").statusCode())
                .isEqualTo(202);
        HttpResponse<String> delete = sendAs(deployer, "DELETE", "/api/applications/shop", null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(json(delete).path("error").asText()).isEqualTo("permission denied: applications, delete, team-a/shop");

        ObjectNode withoutTheRole = project("team-a", "team-a/*");
        withoutTheRole.withObject("/spec").putArray("roles");
        assertThat(send("PUT", "/api/projects/team-a", withoutTheRole.toString()).statusCode()).isEqualTo(200);
        HttpResponse<String> afterwards = sendAs(deployer, "POST", "/api/applications/shop/sync", "{\"dryRun\": true}");
        assertThat(afterwards.statusCode()).as("the role's policy is gone with the role").isEqualTo(403);
        assertThat(json(afterwards).path("error").asText()).isEqualTo("permission denied: applications, sync, team-a/shop");
    }

    @Test
    void aProjectIsCreatedWithKeysThatNoAnswerReturns() throws Exception {
        HttpResponse<String> created = send("POST", "/api/projects", withKeys(project("team-a", "team-a/*")).toString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/projects/team-a");
        JsonNode body = json(created);
        assertThat(body.path("name").asText()).isEqualTo("team-a");
        assertThat(body.path("origin").asText()).isEqualTo("api");
        assertThat(body.path("destinations").get(1).path("namespace").asText()).isEqualTo("team-a-*");
        assertThat(body.path("sopsKeys").path("ageIdentities").asInt()).isEqualTo(1);
        assertThat(body.path("sopsKeys").path("pgpKeys").asInt()).isEqualTo(1);

        JsonNode list = json(send("GET", "/api/projects", null));
        assertThat(list).extracting(node -> node.path("name").asText() + " " + node.path("origin").asText())
                .containsExactly("default built_in", "team-a api");

        ObjectNode withoutKeys = project("team-a", "team-a/*");
        ((ObjectNode) withoutKeys.path("spec")).put("description", "changed");
        JsonNode updated = json(send("PUT", "/api/projects/team-a", withoutKeys.toString()));
        assertThat(updated.path("description").asText()).isEqualTo("changed");
        assertThat(updated.path("sopsKeys").path("pgpKeys").asInt()).as("keys are kept when none are sent").isEqualTo(1);
        assertThat(json(send("GET", "/api/projects/team-a", null)).path("roles").get(0).path("groups").get(0).asText())
                .isEqualTo("team-a-devs");

        assertThat(server.service().projectKeys("team-a")).contains(new ProjectKeys(AGE_KEY, PGP_KEY));
        assertThat(server.service().projectKeys("default")).isEmpty();
        assertThat(server.service().projectPolicyLines()).containsExactly(
                "p, proj:team-a:deployer, applications, sync, team-a/*, allow", "g, team-a-devs, proj:team-a:deployer");
        answers.add(json(send("GET", "/api/events", null)).toString());
        assertThat(answers).isNotEmpty().allSatisfy(answer ->
                assertThat(answer).doesNotContain("AGE-SECRET-KEY").doesNotContain(PGP_SECRET));
    }

    @Test
    void anApplicationOutsideItsProjectIsRefusedWithTheReason() throws Exception {
        send("POST", "/api/projects", project("team-a", "team-a/*").toString());

        HttpResponse<String> refused = send("POST", "/api/applications", application("team-b"));
        HttpResponse<String> unknownProject = send("POST", "/api/applications", application("team-a")
                .replace("\"project\": \"team-a\"", "\"project\": \"team-z\""));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).isEqualTo("application shop is outside project team-a: "
                + "namespace team-b is not a destination of project team-a on cluster local (allowed: team-a, team-a-*)");
        assertThat(unknownProject.statusCode()).isEqualTo(400);
        assertThat(json(unknownProject).path("error").asText()).contains("project: no project named team-z");
        assertThat(server.service().application("shop")).isEmpty();
    }

    @Test
    void aSyncWhoseObjectsLeaveTheProjectFailsWithNothingWritten() throws Exception {
        send("POST", "/api/projects", project("team-a", "team-a/*").toString());
        assertThat(send("POST", "/api/applications", application("team-a")).statusCode()).isEqualTo(201);
        mock.takeRequests();

        assertThat(send("POST", "/api/applications/shop/sync", "{}").statusCode()).isEqualTo(202);

        OperationRecord operation = finishedOperation("shop");
        assertThat(operation.phase()).isEqualTo(OperationRecord.Phase.FAILED);
        assertThat(operation.message()).contains(
                "ConfigMap team-b/theirs: namespace team-b is not a destination of project team-a on cluster local");
        assertThat(mock.takeWrites()).isEmpty();
        HttpResponse<String> tree = send("GET", "/api/applications/shop/tree", null);
        assertThat(tree.statusCode()).isEqualTo(409);
        assertThat(json(tree).path("error").asText()).contains("ConfigMap team-b/theirs");
        assertThat(mock.takeWrites()).isEmpty();
    }

    @Test
    void aProjectInUseCannotBeDeletedAndNamesItsApplications() throws Exception {
        send("POST", "/api/projects", project("team-a", "team-a/*").toString());
        send("POST", "/api/applications", application("team-a"));

        HttpResponse<String> refused = send("DELETE", "/api/projects/team-a", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("error").asText()).isEqualTo("project team-a is used by applications [shop];"
                + " delete them or move them to another project first");
        assertThat(send("DELETE", "/api/applications/shop", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/projects/team-a", null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/projects/team-a", null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/projects/default", null).statusCode()).isEqualTo(409);
    }

    @Test
    void badProjectsAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> otherProject = send("POST", "/api/projects", project("team-a", "team-b/*").toString());
        ObjectNode keyFile = project("team-a", "team-a/*");
        ((ObjectNode) keyFile.path("spec")).putObject("sops").put("ageKeyFile", "/etc/shadow");
        HttpResponse<String> fileOnTheHost = send("POST", "/api/projects", keyFile.toString());
        ObjectNode badKey = project("team-a", "team-a/*");
        badKey.putObject("sops").put("ageKey", "not a key");
        HttpResponse<String> notAKey = send("POST", "/api/projects", badKey.toString());
        HttpResponse<String> otherName = send("PUT", "/api/projects/team-b", project("team-a", "team-a/*").toString());

        assertThat(otherProject.statusCode()).isEqualTo(400);
        assertThat(json(otherProject).path("error").asText()).contains("spec.roles")
                .contains("object team-b/* is not in project team-a");
        assertThat(fileOnTheHost.statusCode()).isEqualTo(400);
        assertThat(json(fileOnTheHost).path("error").asText()).contains("spec.sops")
                .contains("not read from files on the Driftless host");
        assertThat(notAKey.statusCode()).isEqualTo(400);
        assertThat(json(notAKey).path("error").asText())
                .isEqualTo("sops: the age key holds no identity line starting with AGE-SECRET-KEY-1");
        assertThat(otherName.statusCode()).isEqualTo(400);
        assertThat(server.service().projects()).extracting(view -> view.spec().name()).containsExactly("default");
    }
}
