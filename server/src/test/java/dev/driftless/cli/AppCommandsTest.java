package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.FakeApiServer;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code driftless app ...} against a fake service: the request each command sends and what it prints. */
class AppCommandsTest {

    private static final String TOKEN = "cli-token-Pw48zz";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path work;

    private FakeApiServer server;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(TOKEN);
        tokenFile = Files.writeString(work.resolve("token"), TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun app(String... args) {
        List<String> all = new ArrayList<>(List.of("app"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", server.uri().toString(), "--token-file", tokenFile.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.all()).as("the token never shows").doesNotContain(TOKEN);
        return run;
    }

    @Test
    void listPrintsATableAndSendsTheFiltersAndTheToken() {
        server.answer("GET", "/api/applications", 200, """
                {"items": [{"name": "web", "project": "shop", "cluster": "prod", "namespace": "shop", "sync": "OutOfSync",
                            "health": "Degraded", "revision": "%s", "automated": true},
                           {"name": "worker", "cluster": "prod", "sync": "Synced", "health": "Healthy", "revision": "main"}],
                 "total": 5, "offset": 0, "limit": 2}""".formatted(SHA));

        CliRun list = app("list", "--name", "w", "--label", "team=a", "--sync", "outofsync", "--health", "Degraded", "--limit", "2");

        assertThat(list.exitCode()).as(list.all()).isZero();
        FakeApiServer.Request request = server.onlyRequest();
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.query()).isEqualTo("limit=2&offset=0&name=w&label=team%3Da&sync=OutOfSync&health=Degraded");
        assertThat(list.out().lines()).containsExactly(
                "NAME     SYNC        HEALTH     REVISION   CLUSTER   NAMESPACE   PROJECT   AUTO",
                "web      OutOfSync   Degraded   0123456    prod      shop        shop      yes",
                "worker   Synced      Healthy    main       prod      -           -         no",
                "applications 1-2 of 5; next page: --offset 2");
    }

    @Test
    void listAsJsonIsThePage() throws Exception {
        server.answer("GET", "/api/applications", 200,
                "{\"items\": [{\"name\": \"web\", \"sync\": \"Synced\"}], \"total\": 1, \"offset\": 0, \"limit\": 100}");

        CliRun list = app("list", "-o", "json");

        assertThat(list.exitCode()).as(list.all()).isZero();
        JsonNode page = Documents.JSON.readTree(list.out());
        assertThat(page.path("total").asInt()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("sync").asText()).isEqualTo("Synced");
    }

    @Test
    void anUnknownStatusFilterIsBadInputAndNothingIsSent() {
        CliRun list = app("list", "--health", "Fine");

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("unknown health status 'Fine'", "Healthy, Progressing");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void getPrintsTheStatusAndEveryObject() {
        server.answer("GET", "/api/applications/web", 200, """
                {"definition": {"metadata": {"name": "web"},
                                "spec": {"source": {"repoURL": "https://git.example/shop.git", "path": "web", "revision": "main"},
                                         "destination": {"cluster": "prod", "namespace": "shop"}, "syncPolicy": {"automated": true}}},
                 "origin": "api",
                 "status": {"sync": "OutOfSync", "health": "Degraded", "healthMessage": "0 of 2 replicas", "revision": "%s",
                            "resources": [{"key": "apps/Deployment:shop/web", "sync": "OUT_OF_SYNC", "health": "Degraded",
                                           "healthMessage": "0 of 2 replicas"}],
                            "errors": ["prune skipped: render failed"], "waiting": "sync window until 18:00"}}""".formatted(SHA));

        CliRun get = app("get", "web");

        assertThat(get.exitCode()).as(get.all()).isZero();
        assertThat(get.out()).contains("Source:        https://git.example/shop.git path web at main")
                .contains("Destination:   prod namespace shop")
                .contains("Sync policy:   automated")
                .contains("Health:        Degraded (0 of 2 replicas)")
                .contains("Waiting:       sync window until 18:00")
                .contains("ERROR prune skipped: render failed\n\nKEY ")
                .contains("apps/Deployment:shop/web   OUT_OF_SYNC   Degraded   0 of 2 replicas");
    }

    @Test
    void anUnknownApplicationIsBadInputWithTheServersMessage() {
        server.answer("GET", "/api/applications/gone", 404, "{\"error\": \"no application gone\"}");

        CliRun get = app("get", "gone");

        assertThat(get.exitCode()).isEqualTo(2);
        assertThat(get.err()).isEqualTo("error: no application gone (HTTP 404)\n");
        assertThat(get.out()).isEmpty();
    }

    @Test
    void createSendsTheYamlDocumentAsJson() throws Exception {
        Path file = Files.writeString(work.resolve("web.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: web, labels: {team: a}}
                spec:
                  source: {repoURL: "https://git.example/shop.git", path: web}
                  destination: {cluster: prod, namespace: shop}
                """);
        server.answer("POST", "/api/applications", 201, "{\"definition\": {\"metadata\": {\"name\": \"web\"}}, \"origin\": \"api\"}");

        CliRun create = app("create", "-f", file.toString());

        assertThat(create.exitCode()).as(create.all()).isZero();
        assertThat(create.out()).isEqualTo("application web created\n");
        assertThat(Documents.JSON.readTree(server.onlyRequest().body())).isEqualTo(Documents.YAML.readTree(file.toFile()));
    }

    @Test
    void aDocumentWithoutNameOrOfAnotherKindIsRefusedBeforeAnyRequest() throws Exception {
        Path nameless = Files.writeString(work.resolve("nameless.yaml"), "kind: Application\nmetadata: {}\nspec: {}\n");
        Path deployment = Files.writeString(work.resolve("deployment.yaml"), "kind: Deployment\nmetadata: {name: web}\nspec: {}\n");
        Path two = Files.writeString(work.resolve("two.yaml"), "metadata: {name: a}\nspec: {}\n---\nmetadata: {name: b}\nspec: {}\n");
        Path broken = Files.writeString(work.resolve("broken.yaml"), "metadata: {name: [\n");

        assertThat(app("create", "-f", nameless.toString()).err()).contains(nameless + ": metadata.name is missing");
        assertThat(app("create", "-f", deployment.toString()).err()).contains(deployment + ": kind is Deployment, expected Application");
        assertThat(app("create", "-f", two.toString()).err()).contains(two + ": expected one Application document, found 2 documents");
        assertThat(app("create", "-f", broken.toString()).err()).contains(broken + ": not YAML or JSON");
        CliRun missing = app("create", "-f", work.resolve("absent.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.yaml: no such file");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNameTakenAlreadyIsAConflictExitingTwo() throws Exception {
        Path file = Files.writeString(work.resolve("web.yaml"), "metadata: {name: web}\nspec: {}\n");
        server.answer("POST", "/api/applications", 409, "{\"error\": \"application web exists\"}");

        CliRun create = app("create", "-f", file.toString());

        assertThat(create.exitCode()).isEqualTo(2);
        assertThat(create.err()).contains("error: application web exists (HTTP 409)");
    }

    @Test
    void deleteWithCascadeSaysTheObjectsGoToo() {
        server.answer("DELETE", "/api/applications/web", 204, null);

        CliRun cascade = app("delete", "web", "--cascade");
        CliRun keep = app("delete", "web");

        assertThat(cascade.out()).isEqualTo("application web deleted with the objects it tracked\n");
        assertThat(keep.out()).isEqualTo("application web deleted; the objects it tracked stay in the cluster\n");
        assertThat(server.requests()).extracting(FakeApiServer.Request::query).containsExactly("cascade=true", "cascade=false");
    }

    @Test
    void syncSendsItsOptionsAndPrintsTheOperation() throws Exception {
        server.answer("POST", "/api/applications/web/sync", 202, """
                {"id": 14, "phase": "RUNNING", "revision": "v2",
                 "resources": [{"key": "apps/Deployment:shop/web", "action": "UPDATED", "message": "dry run"}]}""");

        CliRun sync = app("sync", "web", "--revision", "v2", "--prune", "--dry-run",
                "--resource", "apps/Deployment:shop/web", "--resource", "rbac.authorization.k8s.io/ClusterRole:/system:reader");

        assertThat(sync.exitCode()).as(sync.all()).isZero();
        assertThat(Documents.JSON.readTree(server.onlyRequest().body())).isEqualTo(Documents.JSON.readTree("""
                {"revision": "v2", "prune": true, "dryRun": true,
                 "resources": ["apps/Deployment:shop/web", "rbac.authorization.k8s.io/ClusterRole:/system:reader"]}"""));
        assertThat(sync.out()).isEqualTo("""
                dry run of web started: operation 14 RUNNING at revision v2
                  updated    apps/Deployment:shop/web  dry run
                """);
    }

    @Test
    void aMalformedResourceKeyIsBadInputAndAWindowRefusalIsAConflict() {
        server.answer("POST", "/api/applications/web/sync", 409, "{\"error\": \"sync window deny-weekdays forbids manual syncs\"}");

        CliRun malformed = app("sync", "web", "--resource", "Deployment web");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--resource Deployment web: expected group/Kind:namespace/name");
        assertThat(server.requests()).isEmpty();

        CliRun refused = app("sync", "web");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("sync window deny-weekdays forbids manual syncs (HTTP 409)");
    }

    @Test
    void diffPrintsAsDriftlessDiffDoesAndExitsOneOnDrift() {
        server.answer("GET", "/api/applications/web/diff", 200, """
                [{"key": "apps/Deployment:shop/web", "state": "OUT_OF_SYNC",
                  "fields": [{"path": "spec.replicas", "live": 1, "desired": 3, "manager": "kubectl-scale (Update)"}]},
                 {"key": "/ConfigMap:shop/settings", "state": "SYNCED", "fields": []},
                 {"key": "/Secret:shop/db", "state": "MISSING", "fields": []}]""");

        CliRun diff = app("diff", "web");

        assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
        assertThat(diff.out()).isEqualTo("""
                OUT_OF_SYNC apps/Deployment:shop/web
                  spec.replicas: 1 → 3  (changed by kubectl-scale (Update))
                MISSING /Secret:shop/db
                3 objects: 1 synced, 1 out of sync, 1 missing
                """);
    }

    @Test
    void diffInSyncExitsZeroAndJsonKeepsTheFields() throws Exception {
        server.answer("GET", "/api/applications/web/diff", 200, "[{\"key\": \"/ConfigMap:shop/settings\", \"state\": \"SYNCED\", \"fields\": []}]");

        CliRun text = app("diff", "web");
        CliRun json = app("diff", "web", "-o", "json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo("1 objects: 1 synced\n");
        assertThat(json.exitCode()).isZero();
        assertThat(Documents.JSON.readTree(json.out())).isEqualTo(
                Documents.JSON.readTree("[{\"key\": \"/ConfigMap:shop/settings\", \"state\": \"SYNCED\", \"fields\": []}]"));
    }

    @Test
    void historyIsATableNewestFirstWithTheCommitsFirstLine() {
        server.answer("GET", "/api/applications/web/history", 200, """
                [{"id": 9, "revision": "%s", "author": "Ann", "message": "Scale web\\n\\nLonger body", "initiatedBy": "webhook",
                  "startedAt": "2025-03-01T10:00:00Z", "phase": "SUCCEEDED"},
                 {"id": 8, "revision": "v1", "initiatedBy": "alice", "startedAt": "2025-02-28T09:00:00Z", "phase": "FAILED"}]""".formatted(SHA));

        CliRun history = app("history", "web", "--limit", "2");

        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(server.onlyRequest().query()).isEqualTo("limit=2");
        assertThat(history.out().lines()).containsExactly(
                "ID   STARTED                PHASE       REVISION   INITIATED BY   AUTHOR   MESSAGE",
                "9    2025-03-01T10:00:00Z   SUCCEEDED   0123456    webhook        Ann      Scale web",
                "8    2025-02-28T09:00:00Z   FAILED      v1         alice          -        -");
    }

    @Test
    void rollbackSendsTheEntryAndSaysAutomatedSyncIsOff() throws Exception {
        server.answer("POST", "/api/applications/web/rollback", 202, "{\"id\": 15, \"phase\": \"RUNNING\", \"revision\": \"v1\"}");

        CliRun rollback = app("rollback", "web", "8");

        assertThat(rollback.exitCode()).as(rollback.all()).isZero();
        assertThat(Documents.JSON.readTree(server.onlyRequest().body())).isEqualTo(Documents.JSON.readTree("{\"id\": 8}"));
        assertThat(rollback.out()).isEqualTo("""
                rollback of web to operation 8 started: operation 15 RUNNING at revision v1
                automated sync of web is off until it is enabled again
                """);
    }

    @Test
    void anUnknownHistoryEntryIsBadInput() {
        server.answer("POST", "/api/applications/web/rollback", 404, "{\"error\": \"no history entry 99 for web\"}");

        CliRun rollback = app("rollback", "web", "99");

        assertThat(rollback.exitCode()).isEqualTo(2);
        assertThat(rollback.err()).contains("no history entry 99 for web");
    }

    @Test
    void waitPollsUntilSyncedAndHealthyPrintingEachChange() {
        server.answer("GET", "/api/applications/web", 200, status("OutOfSync", "Progressing", "RUNNING"))
                .answer("GET", "/api/applications/web", 200, status("Synced", "Progressing", "RUNNING"))
                .answer("GET", "/api/applications/web", 200, status("Synced", "Progressing", "SUCCEEDED"))
                .answer("GET", "/api/applications/web", 200, status("Synced", "Healthy", "SUCCEEDED"));

        CliRun wait = app("wait", "web", "--interval", "0.01");

        assertThat(wait.exitCode()).as(wait.all()).isZero();
        assertThat(wait.out().lines()).containsExactly(
                "web: OutOfSync, Progressing, operation 3 running",
                "web: Synced, Progressing, operation 3 running",
                "web: Synced, Progressing",
                "web: Synced, Healthy");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void waitForSyncAloneIgnoresHealth() {
        server.answer("GET", "/api/applications/web", 200, status("Synced", "Degraded", "SUCCEEDED"));

        CliRun wait = app("wait", "web", "--sync");

        assertThat(wait.exitCode()).as(wait.all()).isZero();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void waitGivesUpAfterTheTimeoutWithExitCodeOne() {
        server.answer("GET", "/api/applications/web", 200, status("Synced", "Degraded", "SUCCEEDED"));

        CliRun wait = app("wait", "web", "--health", "--timeout", "1", "--interval", "0.2");

        assertThat(wait.exitCode()).isEqualTo(1);
        assertThat(wait.err()).isEqualTo("error: web is not Healthy after 1 s; it is Synced, Degraded\n");
        assertThat(server.requests()).hasSizeGreaterThan(1);
    }

    @Test
    void waitRefusesANonPositiveTimeout() {
        CliRun wait = app("wait", "web", "--timeout", "0");

        assertThat(wait.exitCode()).isEqualTo(2);
        assertThat(wait.err()).contains("--timeout 0: must be at least 1 second");
        assertThat(server.requests()).isEmpty();
    }

    private static String status(String sync, String health, String phase) {
        return """
                {"definition": {"metadata": {"name": "web"}},
                 "status": {"sync": "%s", "health": "%s", "lastOperation": {"id": 3, "phase": "%s"}}}""".formatted(sync, health, phase);
    }

    @Test
    void refreshPostsToTheApplicationAndAnUnknownOneIsBadInput() {
        server.answer("POST", "/api/applications/web/refresh", 202, "{\"application\": \"web\", \"accepted\": true}");
        server.answer("POST", "/api/applications/gone/refresh", 404, "{\"error\": \"no application named 'gone'\"}");

        CliRun refresh = app("refresh", "web");
        CliRun unknown = app("refresh", "gone");

        assertThat(refresh.exitCode()).as(refresh.all()).isZero();
        assertThat(refresh.out()).isEqualTo("refresh of web requested\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: no application named 'gone' (HTTP 404)\n");
        assertThat(server.requests()).extracting(FakeApiServer.Request::method, FakeApiServer.Request::path)
                .containsExactly(tuple("POST", "/api/applications/web/refresh"),
                        tuple("POST", "/api/applications/gone/refresh"));
    }

    @Test
    void updatePutsTheDocumentAndPrintsTheAnswerAsAskedFor() throws Exception {
        Path file = Files.writeString(work.resolve("web.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source: {repoURL: "https://git.example/shop.git", path: web, targetRevision: v2}
                  destination: {cluster: prod, namespace: shop}
                """);
        server.answer("PUT", "/api/applications/web", 200, """
                {"definition": {"metadata": {"name": "web"}, "spec": {"source": {"revision": "v2"}}}, "origin": "api"}""");

        CliRun update = app("update", "web", "-f", file.toString());
        CliRun asYaml = app("update", "web", "-f", file.toString(), "-o", "yaml");

        assertThat(update.exitCode()).as(update.all()).isZero();
        assertThat(update.out()).isEqualTo("application web updated\n");
        assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(Documents.JSON.readTree(request.body())).isEqualTo(Documents.YAML.readTree(file.toFile()));
        });
        assertThat(asYaml.exitCode()).as(asYaml.all()).isZero();
        assertThat(Documents.YAML.readTree(asYaml.out()).path("definition").path("spec").path("source")
                .path("revision").asText()).isEqualTo("v2");
    }

    @Test
    void updateRefusesAnotherNameOrABadFileBeforeAnyRequestAndReportsAnUnknownApplication() throws Exception {
        Path other = Files.writeString(work.resolve("other.yaml"), "kind: Application\nmetadata: {name: api}\nspec: {}\n");
        Path nameless = Files.writeString(work.resolve("nameless.yaml"), "kind: Application\nspec: {}\n");
        Path gone = Files.writeString(work.resolve("gone.yaml"), "kind: Application\nmetadata: {name: gone}\nspec: {}\n");
        server.answer("PUT", "/api/applications/gone", 404, "{\"error\": \"no application named 'gone'\"}");

        CliRun renamed = app("update", "web", "-f", other.toString());
        CliRun noName = app("update", "web", "-f", nameless.toString());
        assertThat(server.requests()).isEmpty();
        CliRun unknown = app("update", "gone", "-f", gone.toString());

        assertThat(renamed.exitCode()).isEqualTo(2);
        assertThat(renamed.err()).contains(other + ": metadata.name is api, not web (an application cannot be renamed)");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains(nameless + ": metadata.name is missing");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: no application named 'gone' (HTTP 404)\n");
    }
}
