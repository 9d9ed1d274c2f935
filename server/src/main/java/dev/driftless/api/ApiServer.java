package dev.driftless.api;

import dev.driftless.api.auth.AccessControl;
import dev.driftless.api.auth.Principal;
import dev.driftless.api.webhook.PushEvent;
import dev.driftless.api.webhook.RepoUrls;
import dev.driftless.api.webhook.WebhookOutcome;
import dev.driftless.api.webhook.WebhookOutcome.Ignored;
import dev.driftless.api.webhook.WebhookOutcome.Ping;
import dev.driftless.api.webhook.WebhookOutcome.Push;
import dev.driftless.api.webhook.WebhookOutcome.Rejected;
import dev.driftless.api.webhook.WebhookParser;
import dev.driftless.api.webhook.WebhookRequest;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.service.DriftlessService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP server: the REST API with the dashboard at {@code /}, the webhook receiver, health and
 * readiness probes and Prometheus metrics. Every error is answered as {@code {"error": "..."}} without a stack
 * trace; requests are logged without bodies, query strings or headers.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * The dashboard's files keep their names between releases (no build step adds hashes), so browsers revalidate
     * them on every load; the policy allows nothing but this origin, and no inline script.
     */
    private static final Map<String, String> DASHBOARD_HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final Javalin app;
    private final PrometheusMeterRegistry registry;
    private final URI url;

    /**
     * Where to listen and how to check webhooks.
     *
     * @param host            the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port            the port, or 0 for any free port
     * @param maxWebhookBytes webhook bodies larger than this are refused with 413
     * @param maxRequestBytes other request bodies larger than this are refused with 413, and bodies of unknown
     *                        length (chunked) with 411, before any of them is read
     */
    public record Options(String host, int port, WebhookSecrets webhookSecrets, int maxWebhookBytes,
                          long maxRequestBytes) {

        /** 1 MiB: an application, a cluster's kubeconfig or a repository's key is a few kilobytes. */
        public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("the request size limit must be positive, was " + maxRequestBytes);
            }
        }

        /** Options with the default request size limit. */
        public Options(String host, int port, WebhookSecrets webhookSecrets, int maxWebhookBytes) {
            this(host, port, webhookSecrets, maxWebhookBytes, DEFAULT_MAX_REQUEST_BYTES);
        }

        /** Loopback on {@code port} with the default webhook size limit. */
        public static Options loopback(int port, WebhookSecrets webhookSecrets) {
            return new Options("127.0.0.1", port, webhookSecrets, WebhookParser.DEFAULT_MAX_BODY_BYTES);
        }
    }

    private ApiServer(Javalin app, PrometheusMeterRegistry registry, URI url) {
        this.app = app;
        this.registry = registry;
        this.url = url;
    }

    /**
     * Serves the webhook, probes and metrics only, with pushes going to {@code listener}: for embedding the
     * receiver without the REST API.
     */
    public static ApiServer start(Options options, PushListener listener, ReadinessCheck readiness) {
        return start(options, listener, readiness, app -> { }, false);
    }

    /**
     * Serves the REST API of {@code api/openapi.yaml} over {@code service}, to callers {@code access} lets in, beside
     * the webhook (whose pushes go to {@link DriftlessService#onPush}, refreshing what the subject {@code webhook}
     * may refresh), probes and metrics; returns once the port
     * is bound.
     */
    public static ApiServer start(Options options, DriftlessService service, AccessControl access,
                                  ReadinessCheck readiness) {
        return start(options, service, access, readiness, EventStream.KEEPALIVE);
    }

    /** As {@link #start(Options, DriftlessService, AccessControl, ReadinessCheck)}, with the stream's keepalive. */
    static ApiServer start(Options options, DriftlessService service, AccessControl access, ReadinessCheck readiness,
                           Duration streamKeepalive) {
        PushListener webhookMayRefresh = push -> service.onPush(push, spec -> access.rbac().allows(Principal.WEBHOOK,
                "applications", "refresh", spec.project() + "/" + spec.name()));
        return start(options, webhookMayRefresh, readiness, new RestApi(service, access, streamKeepalive)::register,
                true);
    }

    private static ApiServer start(Options options, PushListener listener, ReadinessCheck readiness,
                                   Consumer<Javalin> routes, boolean dashboard) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        WebhookParser parser = new WebhookParser(options.webhookSecrets(), options.maxWebhookBytes());

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxRequestBytes();
            config.useVirtualThreads = true;
            if (dashboard) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = "/ui";
                    files.location = Location.CLASSPATH;
                    files.headers = DASHBOARD_HEADERS;
                });
            }
            config.requestLogger.http((ctx, millis) -> LOG.info("{} {} {} {}ms",
                    ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis)));
        });
        app.before(ctx -> refuseLargeBodies(ctx, options.maxRequestBytes()));
        app.post("/api/webhook", ctx -> webhook(ctx, parser, listener));
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/readyz", ctx -> {
            ReadinessCheck.Readiness state = readiness.check();
            if (state.ready()) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "not ready: " + state.reason()));
            }
        });
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        routes.accept(app);
        app.exception(HttpResponseException.class, (failure, ctx) ->
                ctx.status(failure.getStatus()).json(Map.of("error", failure.getMessage())));
        app.exception(Exception.class, (failure, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error; see the server log"));
        });
        app.start(options.host(), options.port());

        String host = options.host().equals("0.0.0.0") ? "localhost" : options.host();
        URI url = URI.create("http://" + host + ":" + app.port() + "/");
        LOG.info("Driftless listening on {}", url);
        return new ApiServer(app, registry, url);
    }

    /**
     * Refuses a body over the limit from its declared length, before it is read; a body of unknown length could only
     * be measured by reading it, so it is refused too. The webhook reads its body itself, within its own limit.
     */
    private static void refuseLargeBodies(Context ctx, long maxRequestBytes) {
        if (ctx.path().equals("/api/webhook")) {
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length > maxRequestBytes) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), "request body of " + length
                    + " bytes exceeds the limit of " + maxRequestBytes + " bytes");
        }
        if (length < 0 && ctx.header("Transfer-Encoding") != null) {
            throw new HttpResponseException(HttpStatus.LENGTH_REQUIRED.getCode(),
                    "request bodies must declare their Content-Length (at most " + maxRequestBytes + " bytes)");
        }
    }

    private static void webhook(Context ctx, WebhookParser parser, PushListener listener) throws IOException {
        // Read one byte past the limit, never more, so an oversized body is refused without being held in memory.
        byte[] body = ctx.req().getInputStream().readNBytes(parser.maxBodyBytes() + 1);
        WebhookOutcome outcome = parser.parse(new WebhookRequest(ctx.headerMap(), body));
        switch (outcome) {
            case Push push -> {
                int refreshed = 0;
                for (PushEvent event : push.events()) {
                    int applications = listener.onPush(event);
                    LOG.info("webhook: {} push of {} to {} in {} refreshed {} application(s)",
                            event.provider().displayName(), event.ref(), event.newSha(),
                            RepoUrls.normalise(event.repositoryUrls().getFirst()), applications);
                    refreshed += applications;
                }
                ctx.status(HttpStatus.ACCEPTED).json(Map.of(
                        "result", "push", "pushes", push.events().size(), "refreshed", refreshed));
            }
            case Ping ping -> ctx.json(Map.of("result", "ping", "provider", ping.provider().displayName()));
            case Ignored ignored -> ctx.status(HttpStatus.ACCEPTED).json(Map.of(
                    "result", "ignored", "provider", ignored.provider().displayName(), "event", ignored.event()));
            case Rejected rejected -> {
                LOG.warn("webhook refused: {}", rejected.message());
                ctx.status(rejected.reason().httpStatus()).json(Map.of("error", rejected.message()));
            }
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    /** The registry {@code /metrics} serves; other components register their meters on it (see {@link Metrics}). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops serving and closes the registry. */
    @Override
    public void close() {
        app.stop();
        registry.close();
    }
}
