package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.service.ApplicationView;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.service.Origin;
import dev.driftless.service.ProjectView;
import dev.driftless.service.ResourceManifest;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The server against its contract, {@code api/openapi.yaml}: every operation it documents has a route that answers
 * one of its documented success statuses, and needs a token unless the contract says it is open.
 */
class ContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String PREFIX = "https://github.com/shop/";
    private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    private static final OperationRecord OPERATION = new OperationRecord(7, "web", "a".repeat(40), null,
            "user:admin", Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:00:05Z"),
            OperationRecord.Phase.SUCCEEDED, "synced", List.of(), false, false);
    /** A valid request body for each operation that takes one; an operation added to the contract must add its own. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/applications", ConfigWriter.toTree(FakeDriftlessService.spec("shop")).toString()),
            Map.entry("PUT /api/applications/{name}", ConfigWriter.toTree(FakeDriftlessService.spec("web")).toString()),
            Map.entry("POST /api/applications/{name}/sync", "{\"prune\":true}"),
            Map.entry("POST /api/applications/{name}/rollback", "{\"id\":7}"),
            Map.entry("POST /api/clusters", "{\"name\":\"staging\",\"kubeconfig\":\"apiVersion: v1\\nkind: Config\\n\"}"),
            Map.entry("POST /api/repositories", "{\"urlPrefix\":\"https://gitlab.com/\",\"token\":\"t0k3n\"}"),
            Map.entry("POST /api/session", "{\"username\":\"alice\",\"password\":\"" + ApiHarness.ALICE_PASSWORD + "\"}"),
            Map.entry("PUT /api/account/password", "{\"currentPassword\":\"" + ApiHarness.ADMIN_PASSWORD
                    + "\",\"newPassword\":\"another-password-31\"}"),
            Map.entry("POST /api/users", "{\"username\":\"bob\",\"password\":\"bob-password-77\"}"),
            Map.entry("POST /api/tokens", "{\"expiresIn\":\"24h\",\"description\":\"ci\"}"),
            Map.entry("POST /api/projects", project("shop")),
            Map.entry("PUT /api/projects/{name}", project("web")),
            Map.entry("POST /api/webhook", """
                    {"eventType":"git.push","publisherId":"tfs","resource":{
                      "repository":{"remoteUrl":"https://dev.azure.com/org/project/_git/repo"},
                      "refUpdates":[{"name":"refs/heads/main","newObjectId":"%s"}]}}""".formatted("1".repeat(40))));

    private static String project(String name) {
        return """
                {"apiVersion":"driftless.dev/v1alpha1","kind":"Project","metadata":{"name":"%s"},
                 "spec":{"sourceRepos":["*"]},"sops":{"ageKey":"AGE-SECRET-KEY-1YVY7HLYJH060CCCKHEN2X6R8X3666Z6WKTAVQH0SHGU0L7RRF8NSS75523"}}""".formatted(name);
    }

    private record Operation(String method, String path, JsonNode spec) {

        String id() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        boolean open() {
            return spec.path("security").isArray() && spec.path("security").isEmpty();
        }

        /** {@code tokenId} stands for the token of {@code /api/tokens/{id}}, which each harness creates anew. */
        String requestPath(String tokenId) {
            return path.substring(1)
                    .replace("users/{name}", "users/alice")
                    .replace("{id}", tokenId)
                    .replace("{name}", "web")
                    .replace("{prefix}", URLEncoder.encode(PREFIX, StandardCharsets.UTF_8))
                    + (path.endsWith("/manifest") ? "?key=" + URLEncoder.encode(DEPLOYMENT.toString(),
                    StandardCharsets.UTF_8) : "");
        }
    }

    @Test
    void everyOperationOfTheContractHasARouteAnsweringADocumentedSuccess() {
        List<Operation> operations = operations();
        assertThat(operations).extracting(Operation::id)
                .contains("GET /api/applications", "DELETE /api/repositories/{prefix}", "POST /api/webhook");

        for (Operation operation : operations) {
            String body = BODIES.get(operation.id());
            if (operation.spec().path("requestBody").path("required").asBoolean()) {
                assertThat(body).as("sample body for " + operation.id()).isNotNull();
            }
            try (ApiHarness api = new ApiHarness(populated())) {
                HttpResponse<String> response = api.send(operation.method().toUpperCase(Locale.ROOT),
                        operation.requestPath(json(api.post("api/tokens", "{}")).path("id").asText()), body,
                        api.adminToken);

                assertThat(operation.spec().path("responses").has(Integer.toString(response.statusCode())))
                        .as(operation.id() + " answered " + response.statusCode() + " " + response.body()
                                + "; documented: " + operation.spec().path("responses"))
                        .isTrue();
                assertThat(response.statusCode()).as(operation.id()).isBetween(200, 299);
            }
        }
    }

    @Test
    void operationsNeedATokenUnlessTheContractSaysTheyAreOpen() {
        try (ApiHarness api = new ApiHarness(populated())) {
            for (Operation operation : operations()) {
                String method = operation.method().toUpperCase(Locale.ROOT);
                String body = BODIES.get(operation.id());
                List<HttpResponse<String>> anonymous = List.of(
                        api.send(method, operation.requestPath("t1"), body, null),
                        api.send(method, operation.requestPath("t1"), body, "not-a-token"));
                for (HttpResponse<String> response : anonymous) {
                    if (operation.open()) {
                        assertThat(response.statusCode()).as(operation.id()).isNotEqualTo(401);
                    } else {
                        assertThat(response.statusCode()).as(operation.id()).isEqualTo(401);
                        assertThat(json(response).path("error").asText()).as(operation.id()).contains("token");
                        assertThat(response.headers().firstValue("WWW-Authenticate")).as(operation.id())
                                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
                    }
                }
            }
            assertThat(api.service.calls).as("nothing reached the service without a token").isEmpty();
        }
    }

    @Test
    void theContractIsServedAsIs() throws IOException {
        try (ApiHarness api = new ApiHarness(new FakeDriftlessService());
             InputStream contract = getClass().getClassLoader().getResourceAsStream("api/openapi.yaml")) {
            HttpResponse<String> response = api.send("GET", "api/openapi.yaml", null, null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/yaml"));
            assertThat(response.body()).isEqualTo(new String(contract.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWebhookPushReachesTheService() {
        FakeDriftlessService service = populated();
        try (ApiHarness api = new ApiHarness(service)) {
            HttpResponse<String> response = api.send("POST", "api/webhook", BODIES.get("POST /api/webhook"), null);

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(json(response).path("refreshed").asInt()).isEqualTo(1);
            assertThat(service.pushes).hasSize(1);
            assertThat(service.pushes.getFirst().newSha()).isEqualTo("1".repeat(40));
        }
    }

    @Test
    void probesAndMetricsAreOpen() {
        try (ApiHarness api = new ApiHarness(new FakeDriftlessService())) {
            for (String path : List.of("healthz", "readyz", "metrics")) {
                assertThat(api.send("GET", path, null, null).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    private static FakeDriftlessService populated() {
        FakeDriftlessService service = new FakeDriftlessService()
                .with(new ApplicationView(FakeDriftlessService.spec("web"), Origin.API, Optional.empty()));
        service.history = List.of(OPERATION);
        service.manifests.put(DEPLOYMENT, new ResourceManifest(DEPLOYMENT, Optional.empty(), Optional.empty()));
        service.nextOperation = CompletableFuture.completedFuture(OPERATION);
        service.clusters.put("web", new StoredCluster("web", "apiVersion: v1\nkind: Config\n", null, Map.of()));
        service.repositories.put(PREFIX, new StoredRepository(PREFIX, StoredRepository.CredentialType.NONE, null, null));
        service.projects.put("web", new ProjectView(new ProjectSpec("web", null, null, null, null, null, null, null),
                Origin.API, 0, 0, List.of()));
        return service;
    }

    private static List<Operation> operations() {
        JsonNode contract;
        try (InputStream in = ContractTest.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
            contract = Documents.YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read api/openapi.yaml", e);
        }
        List<Operation> operations = new ArrayList<>();
        contract.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }
}
