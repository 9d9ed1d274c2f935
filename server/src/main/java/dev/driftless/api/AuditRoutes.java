package dev.driftless.api;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.driftless.engine.model.Documents;
import dev.driftless.service.DriftlessService;
import dev.driftless.store.EventQuery;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The audit log's routes: a filtered page ({@code GET /api/audit}), every matching entry as JSON lines with its
 * hashes, streamed as it is read ({@code GET /api/audit/export}), and the chain's check
 * ({@code GET /api/audit/verify}).
 */
final class AuditRoutes {

    static final String NDJSON = "application/x-ndjson";

    private static final ObjectWriter LINE = Documents.JSON.writer();

    private final DriftlessService service;

    AuditRoutes(DriftlessService service) {
        this.service = service;
    }

    void register(Javalin app) {
        app.get("/api/audit", ctx -> {
            EventQuery query = ApiRequests.auditQuery(ctx.queryParamMap());
            ctx.json(ApiJson.auditPage(service.events(query), query.page()));
        });
        app.get("/api/audit/export", this::export);
        app.get("/api/audit/verify", ctx -> ctx.json(ApiJson.auditVerification(service.verifyAudit())));
    }

    /** The filter is checked before the first byte goes out, so a bad one is still answered with 400. */
    private void export(Context ctx) throws IOException {
        EventQuery query = ApiRequests.auditQuery(ctx.queryParamMap());
        ctx.contentType(NDJSON);
        try (OutputStream out = ctx.outputStream()) {
            service.exportAudit(query, event -> {
                try {
                    out.write(LINE.writeValueAsBytes(ApiJson.auditEvent(event)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot send the audit export", e);
                }
            });
        }
    }
}
