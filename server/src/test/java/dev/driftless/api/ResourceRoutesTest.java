package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.ApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.store.AuditChain;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import dev.driftless.store.StoredRepository.CredentialType;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clusters, repositories and events, and that no credential sent to the API ever comes back out of it. */
class ResourceRoutesTest {

    private static final String KUBECONFIG_TOKEN = "eyJhbGciOiJSUzI1NiJ9.kube-bearer-5e1f";
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: prod, cluster: {server: https://prod.example.com:6443}}]
            users: [{name: ci, user: {token: %s}}]
            contexts: [{name: prod, context: {cluster: prod, user: ci}}]
            current-context: prod
            """.formatted(KUBECONFIG_TOKEN);
    private static final String PASSWORD = "hunter2-c9f1";
    private static final String TOKEN = "ghp_repoToken4d2a";
    private static final String SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAkey91\n-----END OPENSSH PRIVATE KEY-----\n";

    private final FakeDriftlessService service = new FakeDriftlessService();
    private final ApiHarness api = new ApiHarness(service);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void clustersAreAddedFromAKubeconfigListedWithoutItAndRemoved() {
        HttpResponse<String> added = api.post("api/clusters", body(Map.of("name", "prod", "kubeconfig", KUBECONFIG,
                "context", "prod", "labels", Map.of("env", "prod", "region", "eu"))));
        HttpResponse<String> listed = api.get("api/clusters");
        HttpResponse<String> removed = api.delete("api/clusters/prod");
        HttpResponse<String> again = api.delete("api/clusters/prod");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(service.calls).contains("add cluster prod by user:admin", "remove cluster prod by user:admin");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed)).containsExactly(parse("""
                {"name":"prod","server":"https://prod.example.com:6443","labels":{"env":"prod","region":"eu"},
                 "sandbox":false,"origin":"api","applications":0,"connection":"Unknown"}"""));
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void theStoredClusterIsTheOneSent() {
        api.post("api/clusters", body(Map.of("name", "prod", "kubeconfig", KUBECONFIG, "labels", Map.of("env", "prod"))));

        assertThat(service.clusters.get("prod")).isEqualTo(new StoredCluster("prod", KUBECONFIG, null, Map.of("env", "prod")));
    }

    @Test
    void badClusterInputIs400NamingTheField() {
        Map<String, String> refusals = Map.of(
                body(Map.of("name", "prod")), "kubeconfig: required",
                body(Map.of("kubeconfig", KUBECONFIG)), "name: required",
                body(Map.of("name", "prod", "kubeconfig", "  ")), "cluster prod: the kubeconfig is empty",
                body(Map.of("name", "prod", "kubeconfig", KUBECONFIG, "labels", Map.of("env", 1))), "labels.env:",
                body(Map.of("name", "prod", "kubeconfig", KUBECONFIG, "server", "x")), "request body: unknown field(s) [server]");
        refusals.forEach((body, message) -> {
            HttpResponse<String> response = api.post("api/clusters", body);
            assertThat(response.statusCode()).as(message).isEqualTo(400);
            assertThat(json(response).path("error").asText()).startsWith(message);
        });
        assertThat(service.clusters).isEmpty();
    }

    @Test
    void repositoryCredentialsTakeTheirTypeFromTheSecretGiven() {
        assertThat(api.post("api/repositories", body(Map.of("urlPrefix", "https://github.com/shop/",
                "username", "bot", "password", PASSWORD))).statusCode()).isEqualTo(201);
        assertThat(api.post("api/repositories", body(Map.of("urlPrefix", "https://gitlab.com/",
                "token", TOKEN))).statusCode()).isEqualTo(201);
        assertThat(api.post("api/repositories", body(Map.of("urlPrefix", "ssh://git@git.example.com/",
                "sshPrivateKey", SSH_KEY))).statusCode()).isEqualTo(201);
        assertThat(api.post("api/repositories", body(Map.of("urlPrefix", "https://public.example.com/")))
                .statusCode()).isEqualTo(201);

        assertThat(service.repositories.values()).containsExactlyInAnyOrder(
                new StoredRepository("https://github.com/shop/", CredentialType.BASIC, "bot", PASSWORD),
                new StoredRepository("https://gitlab.com/", CredentialType.TOKEN, null, TOKEN),
                new StoredRepository("ssh://git@git.example.com/", CredentialType.SSH_KEY, null, SSH_KEY),
                new StoredRepository("https://public.example.com/", CredentialType.NONE, null, null));
        JsonNode listed = json(api.get("api/repositories"));
        assertThat(listed).contains(parse("""
                {"urlPrefix":"https://github.com/shop/","type":"basic","username":"bot","origin":"api",
                 "applications":0,"state":"Unknown"}"""));
    }

    @Test
    void aRepositoryIsRemovedByItsUrlEncodedPrefix() {
        api.post("api/repositories", body(Map.of("urlPrefix", "https://github.com/shop/", "token", TOKEN)));

        HttpResponse<String> removed = api.delete("api/repositories/"
                + URLEncoder.encode("https://github.com/shop/", StandardCharsets.UTF_8));

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(service.calls).contains("remove repository https://github.com/shop/ by user:admin");
        assertThat(service.repositories).isEmpty();
    }

    @Test
    void badRepositoryInputIs400NamingTheField() {
        Map<String, String> refusals = Map.of(
                body(Map.of("token", TOKEN)), "urlPrefix: required",
                body(Map.of("urlPrefix", "https://a/", "password", PASSWORD, "token", TOKEN)),
                "repository https://a/: give one of password, token or sshPrivateKey, not several",
                body(Map.of("urlPrefix", "https://a/", "password", PASSWORD)),
                "repository https://a/: credential type BASIC needs a username",
                body(Map.of("urlPrefix", "https://a/", "sshPrivateKey", SSH_KEY, "knownHosts", "a ssh-ed25519 AAAA")),
                "knownHosts: not supported");
        refusals.forEach((body, message) -> {
            HttpResponse<String> response = api.post("api/repositories", body);
            assertThat(response.statusCode()).as(message).isEqualTo(400);
            assertThat(json(response).path("error").asText()).startsWith(message);
        });
        assertThat(service.repositories).isEmpty();
    }

    @Test
    void eventsPassTheirFiltersAndPagingAndCarryTheTotalInAHeader() {
        service.events = List.of(new AuditEvent(41, Instant.parse("2025-03-01T10:00:00Z"), new AuditEntry(
                "user:admin", "sync", "web", AuditEntry.API, AuditEntry.OK, "sync to 3f6c2a1 started"),
                AuditChain.GENESIS, AuditChain.GENESIS));

        HttpResponse<String> response = api.get("api/events?application=web&limit=10&offset=20");
        api.get("api/events");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Total-Count")).hasValue("41");
        assertThat(json(response)).containsExactly(parse("""
                {"time":"2025-03-01T10:00:00Z","actor":"user:admin","action":"sync","application":"web",
                 "message":"sync to 3f6c2a1 started"}"""));
        assertThat(service.lastEventQuery).isEqualTo(new EventQuery(null, null, new PageRequest(100, 0)));
        assertThat(api.get("api/events?limit=1001").statusCode()).isEqualTo(400);
    }

    @Test
    void theFilteredEventQueryReachesTheService() {
        api.get("api/events?application=web&limit=10&offset=20");

        assertThat(service.lastEventQuery).isEqualTo(new EventQuery("web", null, new PageRequest(10, 20)));
    }

    @Test
    void eventsAreFilteredByRepeatedActionsAndFreeText() {
        api.get("api/events?action=sync.started&action=webhook.received&action=sync.started&q=quota%20exceeded");

        assertThat(service.lastEventQuery).isEqualTo(new EventQuery(null, null,
                List.of("sync.started", "webhook.received"), "quota exceeded", new PageRequest(100, 0)));
    }

    @Test
    void anEmptyActionOrARepeatedTextIsRefusedNamingTheParameter() {
        HttpResponse<String> emptyAction = api.get("api/events?action=sync&action=");
        HttpResponse<String> twoTexts = api.get("api/events?q=a&q=b");

        assertThat(emptyAction.statusCode()).isEqualTo(400);
        assertThat(json(emptyAction).path("error").asText()).isEqualTo("action: must not be empty");
        assertThat(twoTexts.statusCode()).isEqualTo(400);
        assertThat(json(twoTexts).path("error").asText()).isEqualTo("q: given 2 times, expected once");
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() {
        service.failure = new IllegalStateException("database password=" + PASSWORD + " rejected");

        HttpResponse<String> response = api.get("api/clusters");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).isEqualTo("internal error; see the server log");
        assertThat(response.body()).doesNotContain(PASSWORD);
    }

    @Test
    void noCredentialSentEverComesBackInAnAnswer() {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(api.post("api/clusters", body(Map.of("name", "prod", "kubeconfig", KUBECONFIG))));
        answers.add(api.post("api/clusters", body(Map.of("name", "prod", "kubeconfig", KUBECONFIG))));
        answers.add(api.post("api/clusters", body(Map.of("name", "", "kubeconfig", KUBECONFIG))));
        answers.add(api.post("api/clusters", "{\"name\":\"x\",\"kubeconfig\":" + KUBECONFIG_TOKEN + "}"));
        answers.add(api.post("api/repositories", body(Map.of("urlPrefix", "https://github.com/shop/",
                "username", "bot", "password", PASSWORD))));
        answers.add(api.post("api/repositories", body(Map.of("urlPrefix", "https://github.com/shop/",
                "username", "bot", "password", PASSWORD))));
        answers.add(api.post("api/repositories", body(Map.of("urlPrefix", "https://a/", "password", PASSWORD,
                "token", TOKEN, "sshPrivateKey", SSH_KEY))));
        answers.add(api.post("api/repositories", body(Map.of("urlPrefix", "https://a/", "token", 42,
                "password", PASSWORD))));
        answers.add(api.post("api/repositories", "{\"urlPrefix\":\"https://a/\",\"token\":" + TOKEN + "}"));
        answers.add(api.post("api/repositories", "{\"urlPrefix\":\"https://a/\",\"token\":\"" + TOKEN));
        answers.add(api.post("api/repositories", body(Map.of("urlPrefix", "https://gitlab.com/", "token", TOKEN))));
        answers.add(api.get("api/clusters"));
        answers.add(api.get("api/repositories"));
        answers.add(api.get("api/events"));

        assertThat(answers).extracting(HttpResponse::statusCode)
                .containsExactly(201, 409, 400, 400, 201, 409, 400, 400, 400, 400, 201, 200, 200, 200);
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.body()).as(answer.request().method() + " " + answer.uri())
                    .doesNotContain(KUBECONFIG_TOKEN, PASSWORD, TOKEN, "b3BlbnNzaC1rZXktdjEAAAAAkey91", "kube-bearer");
        }
    }

    private static String body(Map<String, ?> fields) {
        try {
            return Documents.JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
