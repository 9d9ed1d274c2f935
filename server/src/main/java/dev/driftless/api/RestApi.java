package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.api.auth.Access;
import dev.driftless.api.auth.AccessControl;
import dev.driftless.api.auth.Principal;
import dev.driftless.api.auth.RouteRequest;
import dev.driftless.api.auth.RouteTable;
import dev.driftless.config.ConfigException;
import dev.driftless.config.ConfigLoader;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.service.DriftlessService;
import dev.driftless.service.ServiceException;
import dev.driftless.store.AuditEvent;
import dev.driftless.store.Page;
import dev.driftless.store.StoredCluster;
import dev.driftless.store.StoredRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The REST routes of {@code api/openapi.yaml} over a {@link DriftlessService}. Every route under {@code /api/} but
 * those {@link RouteTable} leaves open needs a bearer token (an API token or the session token signing in
 * answers) or the session cookie; the caller's actor ({@code user:<name>}, {@code sso:<email>},
 * {@code token:<id>}) is what the service records, and the caller's permission for the route, as the route table
 * names it, is checked before the route runs.
 *
 * <p>A browser sends the cookie with any request, including one a foreign page makes it send, so a request that
 * changes state and is authenticated by the cookie must also carry {@value #CSRF_HEADER}{@code : ui}: a foreign
 * form cannot set a header, and a foreign script cannot send one cross-origin without CORS, which is not served.
 */
final class RestApi {

    /** How long a sync or rollback is waited for before 202 is answered without its outcome. */
    static final Duration OPERATION_WAIT = Duration.ofSeconds(1);

    /** The request attribute holding the caller's actor string. */
    static final String ACTOR = "driftless.actor";
    /** The request attribute holding the caller's {@link Principal}. */
    static final String PRINCIPAL = "driftless.principal";
    private static final String BEARER = "Bearer ";
    private static final String CONTRACT = "api/openapi.yaml";
    private static final String OPENAPI_TYPE = "application/yaml; charset=utf-8";
    static final String SESSION_COOKIE = "driftless_session";
    static final String CSRF_HEADER = "X-Driftless-Request";
    static final String CSRF_VALUE = "ui";
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final DriftlessService service;
    private final AccessControl access;
    private final Duration streamKeepalive;

    /** @param streamKeepalive how long {@code /api/stream} stays silent before it sends a keepalive comment */
    RestApi(DriftlessService service, AccessControl access, Duration streamKeepalive) {
        this.service = service;
        this.access = access;
        this.streamKeepalive = streamKeepalive;
    }

    void register(Javalin app) {
        app.beforeMatched("/api/*", this::authenticateAndAuthorize);
        app.exception(ServiceException.NotFound.class, (failure, ctx) -> error(ctx, HttpStatus.NOT_FOUND, failure));
        app.exception(ServiceException.Conflict.class, (failure, ctx) -> error(ctx, HttpStatus.CONFLICT, failure));
        app.exception(ServiceException.Invalid.class, (failure, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, failure));
        app.exception(ConfigException.class, (failure, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, failure));
        app.exception(IllegalArgumentException.class, (failure, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, failure));
        byte[] contract = contract();
        new AuditTrail(service, RouteTemplates.ofContract(contract)).register(app);
        new AuditRoutes(service).register(app);
        app.get("/api/openapi.yaml", ctx -> ctx.contentType(OPENAPI_TYPE).result(contract));
        new AccountRoutes(access).register(app);
        app.get("/api/applications", ctx -> ctx.json(ApiJson.page(service.applications(
                ApiRequests.applicationFilter(ctx.queryParamMap()).visibleOnly(spec -> access.rbac().allows(
                        principal(ctx), "applications", "get", spec.project() + "/" + spec.name())),
                ApiRequests.integer(ctx.queryParamMap(), "limit", ApiRequests.DEFAULT_LIMIT, 1, ApiRequests.MAX_LIMIT),
                ApiRequests.integer(ctx.queryParamMap(), "offset", 0, 0, Integer.MAX_VALUE)))));
        app.post("/api/applications", ctx -> {
            ApplicationSpec spec = definition(ctx);
            ctx.status(HttpStatus.CREATED)
                    .header("Location", "/api/applications/" + spec.name())
                    .json(ApiJson.application(service.create(spec, actor(ctx))));
        });
        app.get("/api/applications/{name}", ctx -> ctx.json(ApiJson.application(service.application(name(ctx))
                .orElseThrow(() -> new ServiceException.NotFound("no application named " + name(ctx))))));
        app.put("/api/applications/{name}", ctx -> {
            ApplicationSpec spec = definition(ctx);
            if (!spec.name().equals(name(ctx))) {
                throw new IllegalArgumentException("metadata.name: '" + spec.name()
                        + "' differs from the application in the path, '" + name(ctx) + "'");
            }
            // The route table checked the project the body moves the application to; this checks the one it leaves.
            require(ctx, "applications", "update", routeRequest(ctx).application());
            ctx.json(ApiJson.application(service.update(spec, actor(ctx))));
        });
        app.delete("/api/applications/{name}", ctx -> {
            service.delete(name(ctx), ApiRequests.bool(ctx.queryParamMap(), "cascade"), actor(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        app.post("/api/applications/{name}/sync", ctx -> accepted(ctx, service.sync(name(ctx),
                ApiRequests.syncRequest(ApiRequests.body(ctx.body(), true), actor(ctx)), actor(ctx))));
        app.post("/api/applications/{name}/refresh", ctx -> {
            service.refresh(name(ctx), actor(ctx));
            ctx.status(HttpStatus.ACCEPTED).json(Map.of("accepted", true, "application", name(ctx)));
        });
        app.get("/api/applications/{name}/diff", ctx -> ctx.json(ApiJson.diff(service.diff(name(ctx)))));
        app.get("/api/applications/{name}/tree", ctx -> ctx.json(ApiJson.tree(service.tree(name(ctx)))));
        app.get("/api/applications/{name}/manifest", ctx -> ctx.json(ApiJson.manifest(service.manifest(name(ctx),
                ApiRequests.resourceKey(TextNode.valueOf(ApiRequests.required(ctx.queryParamMap(), "key")), "key")))));
        app.get("/api/applications/{name}/history", ctx -> ctx.json(ApiJson.operations(service.history(name(ctx),
                ApiRequests.integer(ctx.queryParamMap(), "limit", ApiRequests.DEFAULT_HISTORY_LIMIT, 1,
                        ApiRequests.MAX_LIMIT)))));
        app.post("/api/applications/{name}/rollback", ctx -> accepted(ctx, service.rollback(name(ctx),
                ApiRequests.rollbackId(ApiRequests.body(ctx.body(), false)), actor(ctx))));
        app.get("/api/clusters", ctx -> ctx.json(ApiJson.clusters(service.clusters())));
        app.post("/api/clusters", ctx -> {
            StoredCluster cluster = ApiRequests.cluster(ApiRequests.body(ctx.body(), false));
            service.addCluster(cluster, actor(ctx));
            ctx.status(HttpStatus.CREATED).json(Map.of("name", cluster.name()));
        });
        app.delete("/api/clusters/{name}", ctx -> {
            service.removeCluster(name(ctx), actor(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        app.get("/api/repositories", ctx -> ctx.json(ApiJson.repositories(service.repositories())));
        app.post("/api/repositories", ctx -> {
            StoredRepository repository = ApiRequests.repository(ApiRequests.body(ctx.body(), false));
            service.addRepository(repository, actor(ctx));
            ctx.status(HttpStatus.CREATED).json(Map.of("urlPrefix", repository.urlPrefix()));
        });
        app.delete("/api/repositories/{prefix}", ctx -> {
            service.removeRepository(ctx.pathParam("prefix"), actor(ctx));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        new ProjectRoutes(service).register(app);
        EventStream stream = new EventStream(service, access.rbac(), streamKeepalive);
        app.get("/api/stream", new SseHandler(stream::serve));
        app.get("/api/events", ctx -> {
            Page<AuditEvent> page = service.events(ApiRequests.eventQuery(ctx.queryParamMap()));
            ctx.header("X-Total-Count", Long.toString(page.total())).json(ApiJson.events(page.items()));
        });
    }

    private static byte[] contract() {
        try (InputStream in = RestApi.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException("the API contract " + CONTRACT + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API contract " + CONTRACT, e);
        }
    }

    private static void error(Context ctx, HttpStatus status, Exception failure) {
        ctx.status(status).json(ApiJson.error(failure.getMessage()));
    }

    private void authenticateAndAuthorize(Context ctx) {
        Access required = RouteTable.of(ctx.method().name(), ctx.endpointHandlerPath());
        if (required instanceof Access.Open) {
            return;
        }
        Principal principal = authenticate(ctx);
        ctx.attribute(PRINCIPAL, principal);
        ctx.attribute(ACTOR, principal.actor());
        if (required instanceof Access.Needs needs) {
            require(ctx, needs.resource(), needs.action(), needs.object().apply(routeRequest(ctx)));
        }
    }

    /** @throws ForbiddenResponse naming the permission when the caller lacks it */
    private void require(Context ctx, String resource, String action, String object) {
        if (!access.rbac().allows(principal(ctx), resource, action, object)) {
            throw new ForbiddenResponse("permission denied: " + resource + ", " + action + ", " + object);
        }
    }

    private Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String session = ctx.cookie(SESSION_COOKIE);
        if (header == null && session != null && !session.isEmpty()) {
            Principal principal = access.accounts().principalOf(session).orElseThrow(() ->
                    new UnauthorizedResponse("the session has ended or is not valid; sign in again"));
            if (!SAFE_METHODS.contains(ctx.method()) && !CSRF_VALUE.equals(ctx.header(CSRF_HEADER))) {
                throw new ForbiddenResponse("a request that changes state with the session cookie must carry the"
                        + " header " + CSRF_HEADER + ": " + CSRF_VALUE);
            }
            return principal;
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("sign in, or send a token (Authorization: Bearer <token>)");
        }
        return access.accounts().principalOf(header.substring(BEARER.length()).strip()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new UnauthorizedResponse("the bearer token is not valid, has expired or was revoked");
        });
    }

    private RouteRequest routeRequest(Context ctx) {
        return new RouteRequest(ctx.pathParamMap(),
                pointer -> Optional.of(ApiRequests.body(ctx.body(), false).at(pointer))
                        .filter(JsonNode::isTextual).map(JsonNode::asText),
                () -> {
                    ApplicationSpec spec = definition(ctx);
                    return spec.project() + "/" + spec.name();
                },
                name -> service.application(name).map(view -> view.spec().project()));
    }

    /** The caller of a route that is not open. */
    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    /**
     * 202 at once with {@code accepted: true}; when the operation ends within {@link #OPERATION_WAIT}, the answer
     * is that operation, so a quick sync is reported whole and a long one does not hold the request.
     */
    private static void accepted(Context ctx, CompletableFuture<OperationRecord> operation)
            throws InterruptedException {
        ObjectNode answer;
        try {
            answer = ApiJson.operation(operation.get(OPERATION_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer = JsonNodeFactory.instance.objectNode().put("application", name(ctx));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the operation failed", e.getCause());
        }
        ctx.status(HttpStatus.ACCEPTED).json(answer.put("accepted", true));
    }

    private static ApplicationSpec definition(Context ctx) {
        ApiRequests.body(ctx.body(), false);
        return ConfigLoader.readApplication(ctx.body(), "request body");
    }

    private static String name(Context ctx) {
        return ctx.pathParam("name");
    }

    private static String actor(Context ctx) {
        return ctx.attribute(ACTOR);
    }
}
