package dev.driftless.api;

import dev.driftless.service.DriftlessService;
import dev.driftless.store.AuditEntry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an audit entry for every API request that changes state and every refused one (401, 403, 429), once it
 * is answered: who (the request's actor, or {@value #ANONYMOUS}), what (method and route template), the
 * application the route names, from where (the client address) and the answer's status. Never a body, query
 * string, header or token: the path is all it reads of the request.
 */
final class AuditTrail {

    static final String ANONYMOUS = "anonymous";
    static final String WEBHOOK = "webhook";

    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Set<Integer> REFUSALS = Set.of(401, 403, 429);
    private static final String APPLICATION_PATH = "/api/applications/";
    private static final String WEBHOOK_PATH = "/api/webhook";
    private static final int MAX_UNKNOWN_PATH = 200;

    /** What the trail needs of an answered request. */
    record AnsweredRequest(String method, String path, int status, String actor, String address) {
    }

    private final DriftlessService service;
    private final RouteTemplates routes;

    AuditTrail(DriftlessService service, RouteTemplates routes) {
        this.service = service;
        this.routes = routes;
    }

    void register(Javalin app) {
        app.after("/api/*", this::record);
    }

    private void record(Context ctx) {
        if (READS.contains(ctx.method()) && !REFUSALS.contains(ctx.statusCode())) {
            return;
        }
        service.record(entry(new AnsweredRequest(ctx.method().name(), ctx.path(), ctx.statusCode(),
                ctx.attribute(RestApi.ACTOR), ctx.ip()), routes));
    }

    /** The entry for a request the trail records. */
    static AuditEntry entry(AnsweredRequest request, RouteTemplates routes) {
        Optional<String> template = routes.match(request.path());
        String actor = Objects.requireNonNullElse(request.actor(),
                request.path().equals(WEBHOOK_PATH) ? WEBHOOK : ANONYMOUS);
        return new AuditEntry(actor, request.method() + " " + template.orElse("(no such route)"),
                application(request.path(), template), request.address(), result(request.status()),
                template.isPresent() ? "" : "path " + shortened(request.path()));
    }

    /** {@code ok: 201}, {@code denied: 403}, {@code failed: 409}: the filter {@code result=denied} finds refusals. */
    static String result(int status) {
        if (REFUSALS.contains(status)) {
            return "denied: " + status;
        }
        return (status < 400 ? AuditEntry.OK : "failed") + ": " + status;
    }

    private static String application(String path, Optional<String> template) {
        if (template.isEmpty() || !template.get().startsWith(APPLICATION_PATH + "{")) {
            return null;
        }
        String segment = path.substring(APPLICATION_PATH.length()).split("/", 2)[0];
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static String shortened(String path) {
        return path.length() <= MAX_UNKNOWN_PATH ? path : path.substring(0, MAX_UNKNOWN_PATH) + "…";
    }
}
