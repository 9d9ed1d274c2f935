package dev.driftless.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.driftless.api.auth.Principal;
import dev.driftless.api.auth.Rbac;
import dev.driftless.service.DriftlessService;
import dev.driftless.service.ServiceChange;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: the service's changes as Server-Sent Events ({@code application}, {@code deleted} and
 * {@code event}), optionally for one application, with a {@code : keepalive} comment when nothing was sent for a
 * while so proxies keep the connection open. Each client has a bounded queue written on its own thread: a client
 * too slow to keep up is disconnected (a browser's EventSource reconnects and the page reloads its data) rather
 * than slowing the service or holding unbounded memory.
 *
 * <p>A client receives only what it may read through the other routes: changes of applications it may {@code get},
 * and audit entries when it may {@code get} the audit log.
 */
final class EventStream {

    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final DriftlessService service;
    private final Rbac rbac;
    private final Duration keepalive;

    EventStream(DriftlessService service, Rbac rbac, Duration keepalive) {
        this.service = service;
        this.rbac = rbac;
        this.keepalive = keepalive;
    }

    /** Serves one client until it disconnects, falls behind or the thread is interrupted. */
    void serve(SseClient client) {
        String application = client.ctx().queryParam("application");
        Principal principal = RestApi.principal(client.ctx());
        BlockingQueue<ServiceChange> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Thread serving = Thread.currentThread();
        try (AutoCloseable subscription = service.subscribe(change -> {
            if (concerns(change, application) && mayRead(principal, change) && !queue.offer(change)) {
                LOG.warn("an event stream client fell {} changes behind; disconnecting it", QUEUE_CAPACITY);
                serving.interrupt();
            }
        })) {
            client.sendComment("connected");
            while (!client.terminated()) {
                ServiceChange change = queue.poll(keepalive.toMillis(), TimeUnit.MILLISECONDS);
                if (change == null) {
                    client.sendComment("keepalive");
                } else {
                    send(client, change);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("event stream ended: {}", e.getMessage());
        }
    }

    private static boolean concerns(ServiceChange change, String application) {
        if (application == null || application.isEmpty()) {
            return true;
        }
        return switch (change) {
            case ServiceChange.ApplicationChanged changed -> changed.view().spec().name().equals(application);
            case ServiceChange.ApplicationDeleted deleted -> deleted.name().equals(application);
            case ServiceChange.EventRecorded recorded -> Objects.equals(recorded.event().application(), application);
        };
    }

    private boolean mayRead(Principal principal, ServiceChange change) {
        return switch (change) {
            case ServiceChange.ApplicationChanged changed -> rbac.allows(principal, "applications", "get",
                    changed.view().spec().project() + "/" + changed.view().spec().name());
            case ServiceChange.ApplicationDeleted deleted -> rbac.allows(principal, "applications", "get",
                    deleted.project() + "/" + deleted.name());
            case ServiceChange.EventRecorded recorded -> rbac.allows(principal, "audit", "get", "*");
        };
    }

    private static void send(SseClient client, ServiceChange change) {
        switch (change) {
            case ServiceChange.ApplicationChanged changed ->
                    client.sendEvent("application", ApiJson.summary(changed.view()).toString());
            case ServiceChange.ApplicationDeleted deleted -> client.sendEvent("deleted",
                    JsonNodeFactory.instance.objectNode().put("name", deleted.name()).toString());
            case ServiceChange.EventRecorded recorded ->
                    client.sendEvent("event", ApiJson.auditEvent(recorded.event()).toString());
        }
    }
}
