package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.ApiHarness.parse;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.config.ConfigWriter;
import dev.driftless.engine.diff.FieldDrift;
import dev.driftless.engine.diff.ResourceDiff;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.health.Health;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.reconcile.ApplicationStatus;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.ResourceStatus;
import dev.driftless.engine.reconcile.SyncRequest;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import dev.driftless.service.ApplicationFilter;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import dev.driftless.service.ServiceException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApplicationRoutesTest {

    private static final String SHA = "3f6c2a1e9b8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";
    private static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant FINISHED = Instant.parse("2025-03-01T10:00:07Z");
    private static final Instant COMMITTED = Instant.parse("2025-03-01T09:58:00Z");
    private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "shop", "web");
    private static final ResourceKey CONFIG_MAP = new ResourceKey("", "ConfigMap", "shop", "settings");
    private static final Revision COMMIT = new Revision("main", SHA,
            new Revision.Person("Ann Author", "ann@example.com", STARTED),
            new Revision.Person("Carl Committer", "carl@example.com", STARTED), COMMITTED, "Scale web to 3");
    private static final OperationRecord OPERATION = new OperationRecord(7, "web", SHA, COMMIT, "user:admin",
            STARTED, FINISHED, OperationRecord.Phase.SUCCEEDED, "synced 2 objects",
            List.of(new ResourceResult(DEPLOYMENT, SyncAction.CONFIGURED, "replicas 2 → 3"),
                    new ResourceResult(CONFIG_MAP, SyncAction.UNCHANGED, "")), false, false);
    private static final ApplicationStatus STATUS = new ApplicationStatus("web", ApplicationStatus.Sync.OUT_OF_SYNC,
            Health.degraded("Deployment web: 0 of 3 replicas available"), Optional.of(COMMIT),
            List.of(new ResourceStatus(DEPLOYMENT, SyncState.OUT_OF_SYNC,
                            Health.degraded("0 of 3 replicas available"), List.of()),
                    new ResourceStatus(CONFIG_MAP, SyncState.SYNCED, Health.healthy(""), List.of())),
            "git fetch failed: connection refused", Optional.of(OPERATION),
            Optional.of(new ApplicationStatus.Waiting("automated sync to 3f6c2a1", Optional.of(FINISHED),
                    "deny window '0 10 * * *' is open")),
            Optional.empty(), FINISHED);

    private final FakeDriftlessService service = new FakeDriftlessService()
            .with(new ApplicationView(spec("web"), Origin.API, Optional.of(STATUS)))
            .with(new ApplicationView(spec("worker"), Origin.CONFIG, Optional.empty()));
    private final ApiHarness api = new ApiHarness(service);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listPassesPagingAndFiltersToTheServiceAndAnswersSummaries() {
        HttpResponse<String> response = api.get("api/applications?limit=1&offset=1&name=we&project=retail"
                + "&cluster=prod&label=team%3Dshop&label=env%3Dprod&sync=OutOfSync&health=Degraded&q=Shop%20EU");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.lastFilter).usingRecursiveComparison().ignoringFields("visible")
                .isEqualTo(new ApplicationFilter("we", "retail", "prod",
                Map.of("team", "shop", "env", "prod"), "OutOfSync", "Degraded", "Shop EU"));
        assertThat(service.lastLimit).isEqualTo(1);
        assertThat(service.lastOffset).isEqualTo(1);
        JsonNode page = json(response);
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("offset").asInt()).isEqualTo(1);
        assertThat(page.path("limit").asInt()).isEqualTo(1);
        assertThat(page.path("items")).hasSize(1);
        JsonNode worker = page.path("items").get(0);
        assertThat(worker.path("name").asText()).isEqualTo("worker");
        assertThat(worker.path("sync").asText()).as("never compared").isEqualTo("Unknown");
        assertThat(worker.path("health").asText()).isEqualTo("Unknown");
        assertThat(worker.has("revision")).isFalse();
        assertThat(worker.path("origin").asText()).isEqualTo("config");
    }

    @Test
    void aSummaryCarriesTheContractsFieldsFromSpecAndStatus() {
        JsonNode web = json(api.get("api/applications")).path("items").get(0);

        assertThat(service.lastLimit).as("default limit").isEqualTo(100);
        assertThat(service.lastOffset).isZero();
        assertThat(service.lastFilter).usingRecursiveComparison().ignoringFields("visible")
                .isEqualTo(new ApplicationFilter(null, null, null, Map.of(), null, null, null));
        assertThat(web).isEqualTo(parse("""
                {"name":"web","project":"retail","cluster":"prod","namespace":"shop",
                 "repoURL":"https://git.example.com/shop.git","path":"k8s/web",
                 "labels":{"env":"prod","team":"shop"},"sync":"OutOfSync","health":"Degraded",
                 "revision":"%s","automated":true,"origin":"api",
                 "lastSyncedAt":"2025-03-01T10:00:07Z","lastSyncResult":"SUCCEEDED",
                 "message":"git fetch failed: connection refused"}""".formatted(SHA)));
    }

    @Test
    void aRollbackInForceShowsAutomatedSyncOff() {
        service.with(new ApplicationView(spec("web"), Origin.API,
                Optional.of(STATUS.withRollback(Optional.of(new ApplicationStatus.Rollback(SHA, 7))))));

        JsonNode web = json(api.get("api/applications")).path("items").get(0);
        JsonNode status = json(api.get("api/applications/web")).path("status");

        assertThat(web.path("automated").asBoolean()).isFalse();
        assertThat(status.path("rollback").path("operationId").asLong()).isEqualTo(7);
    }

    @Test
    void badListParametersAreRefusedNamingTheParameter() {
        Map<String, String> refusals = Map.of(
                "limit=0", "limit", "limit=1001", "limit", "limit=ten", "limit", "offset=-1", "offset",
                "sync=Drifting", "sync", "health=healthy", "health", "label=team", "label",
                "name=a&name=b", "name");
        refusals.forEach((query, parameter) -> {
            HttpResponse<String> response = api.get("api/applications?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).path("error").asText()).as(query).startsWith(parameter + ":");
        });
    }

    @Test
    void getAnswersTheDeclarativeDocumentOriginAndStatus() {
        HttpResponse<String> response = api.get("api/applications/web");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode application = json(response);
        assertThat(application.path("definition")).isEqualTo(ConfigWriter.toTree(spec("web")));
        assertThat(application.path("definition").path("spec").path("source").path("repoURL").asText())
                .isEqualTo("https://git.example.com/shop.git");
        assertThat(application.path("origin").asText()).isEqualTo("api");
        JsonNode status = application.path("status");
        assertThat(status.path("sync").asText()).isEqualTo("OutOfSync");
        assertThat(status.path("health").asText()).isEqualTo("Degraded");
        assertThat(status.path("healthMessage").asText()).isEqualTo("Deployment web: 0 of 3 replicas available");
        assertThat(status.path("revision").asText()).isEqualTo(SHA);
        assertThat(status.path("revisionAuthor").asText()).isEqualTo("Ann Author");
        assertThat(status.path("revisionMessage").asText()).isEqualTo("Scale web to 3");
        assertThat(status.path("revisionTime").asText()).isEqualTo("2025-03-01T09:58:00Z");
        assertThat(status.path("resources")).containsExactly(
                parse("""
                        {"key":"apps/Deployment:shop/web","group":"apps","kind":"Deployment","namespace":"shop",
                         "name":"web","sync":"OUT_OF_SYNC","health":"Degraded",
                         "healthMessage":"0 of 3 replicas available"}"""),
                parse("""
                        {"key":"/ConfigMap:shop/settings","group":"","kind":"ConfigMap","namespace":"shop",
                         "name":"settings","sync":"SYNCED","health":"Healthy","healthMessage":""}"""));
        assertThat(status.path("errors")).containsExactly(TextNode.valueOf("git fetch failed: connection refused"));
        assertThat(status.path("waiting").asText())
                .isEqualTo("automated sync to 3f6c2a1 until 2025-03-01T10:00:07Z: deny window '0 10 * * *' is open");
        assertThat(status.path("reconciledAt").asText()).isEqualTo("2025-03-01T10:00:07Z");
        assertOperation(status.path("lastOperation"));
    }

    @Test
    void anApplicationNeverComparedHasAnUnknownStatus() {
        JsonNode status = json(api.get("api/applications/worker")).path("status");

        assertThat(status.path("sync").asText()).isEqualTo("Unknown");
        assertThat(status.path("health").asText()).isEqualTo("Unknown");
        assertThat(status.path("resources")).isEmpty();
        assertThat(status.path("errors")).isEmpty();
        assertThat(status.has("revisionAuthor")).isFalse();
        assertThat(status.has("revisionMessage")).isFalse();
    }

    @Test
    void anUnknownApplicationIs404() {
        for (HttpResponse<String> response : List.of(api.get("api/applications/nope"),
                api.get("api/applications/nope/diff"), api.post("api/applications/nope/refresh", null),
                api.delete("api/applications/nope"), api.post("api/applications/nope/sync", "{}"))) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isEqualTo(404);
            assertThat(json(response).path("error").asText()).contains("nope");
        }
    }

    @Test
    void createReadsTheDeclarativeDocumentAndAnswers201() {
        ObjectNode document = ConfigWriter.toTree(spec("shop"));

        HttpResponse<String> response = api.post("api/applications", document.toString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/applications/shop");
        assertThat(json(response).path("definition")).isEqualTo(document);
        assertThat(json(response).path("origin").asText()).isEqualTo("api");
        assertThat(service.applications.get("shop").spec()).isEqualTo(spec("shop"));
        assertThat(service.calls).contains("create shop by user:admin");
    }

    @Test
    void theActorIsTheTokensUser() {
        api.send("POST", "api/applications", ConfigWriter.toTree(spec("shop")).toString(), api.aliceToken);

        assertThat(service.calls).containsExactly("create shop by user:alice");
    }

    @Test
    void anInvalidDocumentIs400NamingTheField() {
        ObjectNode document = ConfigWriter.toTree(spec("shop"));
        ((ObjectNode) document.path("spec")).remove("destination");

        HttpResponse<String> missing = api.post("api/applications", document.toString());
        HttpResponse<String> malformed = api.post("api/applications", "{\"metadata\": {\"name\": \"shop\"},\n oops}");
        HttpResponse<String> empty = api.post("api/applications", "");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).contains("request body", "spec.destination");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asText()).startsWith("request body: malformed JSON at line 2");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(service.calls).isEmpty();
    }

    @Test
    void creatingAnExistingNameIs409() {
        HttpResponse<String> response = api.post("api/applications", ConfigWriter.toTree(spec("web")).toString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("application web exists");
    }

    @Test
    void updateReplacesTheDefinitionOfTheApplicationInThePath() {
        ObjectNode document = ConfigWriter.toTree(spec("web"));
        ((ObjectNode) document.path("spec")).put("project", "payments");

        HttpResponse<String> response = api.put("api/applications/web", document.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("definition").path("spec").path("project").asText()).isEqualTo("payments");
        assertThat(service.applications.get("web").spec().project()).isEqualTo("payments");
        assertThat(service.calls).containsExactly("update web by user:admin");
    }

    @Test
    void updateRefusesAnotherNameAndConfigurationApplications() {
        HttpResponse<String> renamed = api.put("api/applications/web", ConfigWriter.toTree(spec("shop")).toString());
        HttpResponse<String> declared = api.put("api/applications/worker",
                ConfigWriter.toTree(spec("worker")).toString());

        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(json(renamed).path("error").asText()).startsWith("metadata.name: 'shop' differs");
        assertThat(declared.statusCode()).isEqualTo(409);
        assertThat(service.calls).isEmpty();
    }

    @Test
    void deleteAnswers204AndPassesCascade() {
        service.with(new ApplicationView(spec("shop"), Origin.API, Optional.empty()));

        assertThat(api.delete("api/applications/web?cascade=true").statusCode()).isEqualTo(204);
        assertThat(api.delete("api/applications/shop").statusCode()).isEqualTo(204);
        assertThat(api.delete("api/applications/worker?cascade=yes").statusCode()).isEqualTo(400);

        assertThat(service.calls).containsExactly("delete web with cascade by user:admin",
                "delete shop by user:admin");
    }

    @Test
    void syncPassesTheRequestAndAnswersTheOperationWhenItEndsQuickly() {
        service.nextOperation = CompletableFuture.completedFuture(OPERATION);

        HttpResponse<String> response = api.post("api/applications/web/sync", """
                {"revision":"v1.2","prune":true,"dryRun":true,
                 "resources":["apps/Deployment:shop/web","/ConfigMap:shop/settings","/Namespace:/shop"]}""");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(service.lastSync).isEqualTo(new SyncRequest(Optional.of("v1.2"), Optional.of(true), true,
                Set.of(DEPLOYMENT, CONFIG_MAP, new ResourceKey("", "Namespace", "", "shop")), "user:admin"));
        assertThat(service.calls).containsExactly("sync web by user:admin");
        JsonNode answer = json(response);
        assertThat(answer.path("accepted").asBoolean()).isTrue();
        assertOperation(answer);
    }

    @Test
    void anEmptySyncBodyAsksForEverythingAtTheApplicationsRevision() {
        service.nextOperation = CompletableFuture.completedFuture(OPERATION);

        assertThat(api.post("api/applications/web/sync", null).statusCode()).isEqualTo(202);

        assertThat(service.lastSync).isEqualTo(SyncRequest.by("user:admin"));
    }

    @Test
    void aSyncStillRunningIsAcceptedWithoutItsOutcome() {
        HttpResponse<String> response = api.post("api/applications/web/sync", "{}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(parse("{\"accepted\":true,\"application\":\"web\"}"));
    }

    @Test
    void aSyncRefusedByTheServiceGivesItsStatus() {
        service.nextOperation = CompletableFuture.failedFuture(
                new ServiceException.Conflict("a deny window forbids manual syncs until 11:00"));

        HttpResponse<String> response = api.post("api/applications/web/sync", "{}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isEqualTo("a deny window forbids manual syncs until 11:00");
    }

    @Test
    void badSyncRequestsAre400NamingTheField() {
        Map<String, String> refusals = Map.of(
                "{\"resources\":[\"apps/Deployment:shop/web\",\"Deployment/web\"]}", "resources[1]:",
                "{\"resources\":[\"apps/Deployment:web\"]}", "resources[0]:",
                "{\"resources\":\"apps/Deployment:shop/web\"}", "resources:",
                "{\"dryRun\":\"yes\"}", "dryRun:",
                "{\"dry_run\":true}", "request body: unknown field(s) [dry_run]",
                "[]", "request body: expected a JSON object");
        refusals.forEach((body, message) -> {
            HttpResponse<String> response = api.post("api/applications/web/sync", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).path("error").asText()).as(body).startsWith(message);
        });
        assertThat(service.calls).isEmpty();
    }

    @Test
    void refreshIsAccepted() {
        HttpResponse<String> response = api.post("api/applications/web/refresh", null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(service.calls).containsExactly("refresh web by user:admin");
    }

    @Test
    void diffAnswersEachResourceWithItsDriftedFields() {
        service.diff = List.of(new ResourceDiff(DEPLOYMENT, SyncState.OUT_OF_SYNC, List.of(new FieldDrift(
                        "spec.replicas", parse("2"), parse("3"), "kubectl-edit (Update)"))),
                new ResourceDiff(CONFIG_MAP, SyncState.MISSING, List.of()));

        HttpResponse<String> response = api.get("api/applications/web/diff");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(parse("""
                [{"key":"apps/Deployment:shop/web","group":"apps","kind":"Deployment","namespace":"shop","name":"web",
                  "state":"OUT_OF_SYNC","fields":[{"path":"spec.replicas","live":2,"desired":3,
                                                  "manager":"kubectl-edit (Update)"}],"unified":""},
                 {"key":"/ConfigMap:shop/settings","group":"","kind":"ConfigMap","namespace":"shop","name":"settings",
                  "state":"MISSING","fields":[],"unified":""}]"""));
    }

    @Test
    void historyAnswersOperationsWithTheLimitPassed() {
        service.history = List.of(OPERATION);

        HttpResponse<String> response = api.get("api/applications/web/history?limit=5");
        api.get("api/applications/web/history");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).hasSize(1);
        assertOperation(json(response).get(0));
        assertThat(service.calls).containsExactly("history web limit 5", "history web limit 50");
    }

    @Test
    void rollbackTakesTheHistoryEntryId() {
        service.history = List.of(OPERATION);
        service.nextOperation = CompletableFuture.completedFuture(OPERATION);

        HttpResponse<String> accepted = api.post("api/applications/web/rollback", "{\"id\":7}");
        HttpResponse<String> unknown = api.post("api/applications/web/rollback", "{\"id\":8}");
        HttpResponse<String> missing = api.post("api/applications/web/rollback", "{}");
        HttpResponse<String> text = api.post("api/applications/web/rollback", "{\"id\":\"7\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).path("id").asLong()).isEqualTo(7);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).startsWith("id:");
        assertThat(service.calls).containsExactly("rollback web to 7 by user:admin");
    }

    private static void assertOperation(JsonNode operation) {
        assertThat(operation.path("id").asLong()).isEqualTo(7);
        assertThat(operation.path("application").asText()).isEqualTo("web");
        assertThat(operation.path("revision").asText()).isEqualTo(SHA);
        assertThat(operation.path("author").asText()).isEqualTo("Ann Author");
        assertThat(operation.path("message").asText()).isEqualTo("Scale web to 3");
        assertThat(operation.path("initiatedBy").asText()).isEqualTo("user:admin");
        assertThat(operation.path("startedAt").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(operation.path("finishedAt").asText()).isEqualTo("2025-03-01T10:00:07Z");
        assertThat(operation.path("durationMs").asLong()).as("7 s from start to finish").isEqualTo(7000);
        assertThat(operation.path("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(operation.path("result").asText()).isEqualTo("synced 2 objects");
        assertThat(operation.path("resources")).containsExactly(
                parse("{\"key\":\"apps/Deployment:shop/web\",\"action\":\"CONFIGURED\",\"message\":\"replicas 2 → 3\"}"),
                parse("{\"key\":\"/ConfigMap:shop/settings\",\"action\":\"UNCHANGED\",\"message\":\"\"}"));
    }
}
