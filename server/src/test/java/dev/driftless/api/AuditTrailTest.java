package dev.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.config.ConfigWriter;
import dev.driftless.store.AuditEntry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every API request that changes state or is refused leaves an entry: who, what, which application, from where. */
class AuditTrailTest {

    private static final String SECRET = "ghp_neverInTheLog7c1e";
    private static final RouteTemplates ROUTES = new RouteTemplates(List.of("/api/applications",
            "/api/applications/{name}", "/api/applications/{name}/sync", "/api/audit", "/api/audit/verify",
            "/api/audit/{id}"));

    private final FakeDriftlessService service = new FakeDriftlessService();
    private final ApiHarness api = new ApiHarness(service);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aChangeIsRecordedWithItsActorRouteApplicationAddressAndStatus() {
        api.post("api/applications", ConfigWriter.toTree(FakeDriftlessService.spec("web")).toString());
        HttpResponse<String> refreshed = api.post("api/applications/web/refresh", null);

        assertThat(refreshed.statusCode()).isEqualTo(202);
        assertThat(service.recorded).containsExactly(
                new AuditEntry("user:admin", "POST /api/applications", null, "127.0.0.1", "ok: 201", ""),
                new AuditEntry("user:admin", "POST /api/applications/{name}/refresh", "web", "127.0.0.1", "ok: 202",
                        ""));
    }

    @Test
    void aChangeTheServiceRefusesIsRecordedAsFailedWithItsStatus() {
        api.delete("api/applications/nope");

        assertThat(service.recorded).containsExactly(new AuditEntry("user:admin", "DELETE /api/applications/{name}",
                "nope", "127.0.0.1", "failed: 404", ""));
    }

    @Test
    void aRefusedRequestIsRecordedAsAnonymousWithoutItsBodyQueryHeadersOrToken() {
        HttpResponse<String> refused = api.sendWith("POST", "api/clusters?token=" + SECRET,
                "{\"name\":\"prod\",\"kubeconfig\":\"token: " + SECRET + "\"}",
                Map.of("Authorization", "Bearer " + SECRET, "X-Api-Key", SECRET));
        HttpResponse<String> reading = api.send("GET", "api/applications", null, SECRET);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(reading.statusCode()).isEqualTo(401);
        assertThat(service.recorded).containsExactly(
                new AuditEntry("anonymous", "POST /api/clusters", null, "127.0.0.1", "denied: 401", ""),
                new AuditEntry("anonymous", "GET /api/applications", null, "127.0.0.1", "denied: 401", ""));
        assertThat(service.recorded.toString()).doesNotContain(SECRET);
    }

    @Test
    void aSuccessfulReadIsNotRecorded() {
        api.get("api/applications");
        api.get("api/audit");

        assertThat(service.recorded).isEmpty();
    }

    @Test
    void aRequestForNoRouteIsRecordedWithItsPathOnly() {
        api.post("api/nowhere/at/all?secret=" + SECRET, "{}");

        // No route matched, so nothing asked who the caller is: a path that does not exist answers 404 to anyone.
        assertThat(service.recorded).containsExactly(new AuditEntry("anonymous", "POST (no such route)", null,
                "127.0.0.1", "failed: 404", "path /api/nowhere/at/all"));
    }

    @Test
    void theWebhookIsTheActorOfAWebhookRequest() {
        api.send("POST", "api/webhook", "{}", null);

        assertThat(service.recorded).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("webhook");
            assertThat(entry.action()).isEqualTo("POST /api/webhook");
            assertThat(entry.result()).startsWith("failed: 4");
        });
    }

    @Test
    void theMostLiteralTemplateWinsAndAParameterIsOneNonEmptySegment() {
        assertThat(ROUTES.match("/api/audit/verify")).hasValue("/api/audit/verify");
        assertThat(ROUTES.match("/api/audit/17")).hasValue("/api/audit/{id}");
        assertThat(ROUTES.match("/api/applications/shop/sync")).hasValue("/api/applications/{name}/sync");
        assertThat(ROUTES.match("/api/applications//sync")).isEmpty();
        assertThat(ROUTES.match("/api/applications/shop/sync/again")).isEmpty();
    }

    @Test
    void theApplicationIsTakenFromItsSegmentDecoded() {
        AuditEntry entry = AuditTrail.entry(new AuditTrail.AnsweredRequest("POST", "/api/applications/a%2Db/sync",
                403, "user:bob", "10.1.2.3"), ROUTES);

        assertThat(entry).isEqualTo(new AuditEntry("user:bob", "POST /api/applications/{name}/sync", "a-b",
                "10.1.2.3", "denied: 403", ""));
    }

    @Test
    void resultsSayOkDeniedOrFailedWithTheStatus() {
        assertThat(List.of(200, 204, 302, 400, 401, 403, 409, 429, 500).stream().map(AuditTrail::result))
                .containsExactly("ok: 200", "ok: 204", "ok: 302", "failed: 400", "denied: 401", "denied: 403",
                        "failed: 409", "denied: 429", "failed: 500");
    }
}
