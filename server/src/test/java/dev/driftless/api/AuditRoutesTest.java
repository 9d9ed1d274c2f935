package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.ApiHarness.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.AuditVerification;
import dev.driftless.store.AuditVerification.Break;
import dev.driftless.store.AuditVerification.Reason;
import dev.driftless.store.EventQuery;
import dev.driftless.store.PageRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/audit}: filters reach the store, entries carry their hashes, the chain's state is answered. */
class AuditRoutesTest {

    private static final String HASH_1 = "1".repeat(64);
    private static final String HASH_2 = "2".repeat(64);
    private static final AuditEvent DENIED = new AuditEvent(7, Instant.parse("2025-03-01T10:00:00.123456Z"),
            new AuditEntry("anonymous", "POST /api/applications/{name}/sync", "web", "10.0.0.9", "denied: 401", ""),
            HASH_1, HASH_2);
    private static final AuditEvent SYNCED = new AuditEvent(8, Instant.parse("2025-03-01T10:00:01Z"),
            new AuditEntry("automated", "sync.succeeded", "web", "controller", "ok", "revision 3f6c2a1: synced"),
            HASH_2, "3".repeat(64));

    private final FakeDriftlessService service = new FakeDriftlessService();
    private final ApiHarness api = new ApiHarness(service);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aPageCarriesEveryFieldAndTheFiltersReachTheService() {
        service.events = List.of(DENIED);

        HttpResponse<String> page = api.get("api/audit?actor=anonymous&action=sync.failed&action=sync.failed"
                + "&application=web&result=denied&q=sync&since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z"
                + "&limit=10&offset=20");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json(page)).isEqualTo(parse("""
                {"items": [{"id": 7, "time": "2025-03-01T10:00:00.123456Z", "actor": "anonymous",
                  "action": "POST /api/applications/{name}/sync", "application": "web", "source": "10.0.0.9",
                  "result": "denied: 401", "message": "", "previousHash": "%s", "hash": "%s"}],
                 "total": 41, "offset": 20, "limit": 10}""".formatted(HASH_1, HASH_2)));
        assertThat(service.lastEventQuery).isEqualTo(new EventQuery("web", "anonymous", List.of("sync.failed"),
                "denied", "sync", Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"),
                new PageRequest(10, 20)));
    }

    @Test
    void badFiltersAreRefusedNamingTheParameter() {
        assertThat(api.get("api/audit?since=yesterday").body()).contains("since: expected an ISO-8601 time");
        assertThat(api.get("api/audit?since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z").body())
                .contains("since (2025-03-02T00:00:00Z) must be before until");
        assertThat(api.get("api/audit/export?action=").statusCode()).isEqualTo(400);
        assertThat(api.get("api/audit?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void theExportIsJsonLinesOldestFirstWithTheHashesAndTheFilter() {
        service.events = List.of(DENIED, SYNCED);

        HttpResponse<String> export = api.get("api/audit/export?application=web&limit=1");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-ndjson"));
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(parse(lines.get(0)).path("previousHash").asText()).isEqualTo(HASH_1);
        assertThat(parse(lines.get(1)).path("hash").asText()).isEqualTo("3".repeat(64));
        assertThat(parse(lines.get(1)).path("message").asText()).isEqualTo("revision 3f6c2a1: synced");
        assertThat(service.lastEventQuery.application()).isEqualTo("web");
    }

    @Test
    void verifyAnswersIntactOrTheFirstBrokenEntry() {
        service.verification = new AuditVerification(12, Optional.empty());
        HttpResponse<String> intact = api.get("api/audit/verify");
        service.verification = new AuditVerification(4, Optional.of(new Break(4, Reason.FORGED_HASH,
                "entry 4's stored hash was replaced")));
        HttpResponse<String> broken = api.get("api/audit/verify");

        assertThat(json(intact)).isEqualTo(parse("{\"intact\": true, \"checked\": 12}"));
        assertThat(json(broken)).isEqualTo(parse("""
                {"intact": false, "checked": 4, "broken": {"entry": 4, "reason": "forged-hash",
                 "detail": "entry 4's stored hash was replaced"}}"""));
    }

    @Test
    void theAuditRoutesNeedAToken() {
        assertThat(api.send("GET", "api/audit", null, null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "api/audit/export", null, null).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "api/audit/verify", null, null).statusCode()).isEqualTo(401);
    }
}
