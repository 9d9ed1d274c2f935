package dev.driftless.api;

import static dev.driftless.api.ApiHarness.parse;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import dev.driftless.service.ServiceChange;
import dev.driftless.store.AuditChain;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.AuditEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream}: Server-Sent Events of the service's changes. */
class StreamRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ApplicationView WEB = new ApplicationView(spec("web"), Origin.API, Optional.empty());
    private static final ApplicationView WORKER = new ApplicationView(spec("worker"), Origin.API, Optional.empty());

    private final FakeDriftlessService service = new FakeDriftlessService().with(WEB).with(WORKER);
    private final ApiHarness api = new ApiHarness(service, Duration.ofMillis(200));
    private final Map<String, String> bearer = Map.of("Authorization", "Bearer " + api.adminToken);

    @AfterEach
    void stop() {
        api.close();
    }

    /** The lines of an open stream, read on a thread of their own so a test can wait for each with a timeout. */
    private static final class Lines implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Stream<String> body;

        Lines(HttpResponse<Stream<String>> response) {
            body = response.body();
            Iterator<String> source = body.iterator();
            Thread.ofVirtual().start(() -> {
                try {
                    source.forEachRemaining(lines::add);
                } catch (RuntimeException closed) {
                    lines.add("<closed>");
                }
            });
        }

        /** The next {@code event:} and its {@code data:}, skipping comments and blank lines. */
        String[] nextEvent() throws InterruptedException {
            String line;
            do {
                line = next();
            } while (!line.startsWith("event: "));
            return new String[] {line.substring("event: ".length()), next().substring("data: ".length())};
        }

        String next() throws InterruptedException {
            String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("a line within " + WAIT).isNotNull();
            return line;
        }

        @Override
        public void close() {
            body.close();
        }
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (service.listeners.size() != count) {
            assertThat(Instant.now()).as("waiting for " + count + " subscriber(s)").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aClientReceivesOnlyWhatItMayRead() throws Exception {
        Map<String, String> alice = Map.of("Authorization", "Bearer " + api.aliceToken);
        try (Lines lines = new Lines(api.stream("api/stream", alice))) {
            awaitSubscribers(1);
            service.publish(new ServiceChange.EventRecorded(new AuditEvent(42, Instant.parse("2025-03-01T10:00:00Z"),
                    new AuditEntry("user:admin", "cluster.add", null, AuditEntry.API, AuditEntry.OK, "added prod"),
                    AuditChain.GENESIS, AuditChain.GENESIS)));
            service.publish(new ServiceChange.ApplicationChanged(WEB));

            String[] first = lines.nextEvent();
            assertThat(first[0]).as("alice may get applications but not the audit log (ApiHarness.POLICY)")
                    .isEqualTo("application");
            assertThat(parse(first[1]).path("name").asText()).isEqualTo("web");
        }
    }

    @Test
    void changesArriveAsNamedEventsWithJsonData() throws Exception {
        HttpResponse<Stream<String>> response = api.stream("api/stream", bearer);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (Lines lines = new Lines(response)) {
            awaitSubscribers(1);
            service.publish(new ServiceChange.ApplicationChanged(WEB));
            service.publish(new ServiceChange.ApplicationDeleted("worker", "default"));
            service.publish(new ServiceChange.EventRecorded(new AuditEvent(41, Instant.parse("2025-03-01T10:00:00Z"),
                    new AuditEntry("user:admin", "sync", "web", AuditEntry.API, AuditEntry.OK, "sync of revision main"),
                    AuditChain.GENESIS, AuditChain.GENESIS)));

            String[] changed = lines.nextEvent();
            assertThat(changed[0]).isEqualTo("application");
            JsonNode summary = parse(changed[1]);
            assertThat(summary.path("name").asText()).isEqualTo("web");
            assertThat(summary.path("sync").asText()).isEqualTo("Unknown");
            assertThat(summary.path("labels").path("team").asText()).as("a whole summary").isEqualTo("shop");
            String[] deleted = lines.nextEvent();
            assertThat(deleted[0]).isEqualTo("deleted");
            assertThat(parse(deleted[1])).isEqualTo(parse("{\"name\":\"worker\"}"));
            String[] event = lines.nextEvent();
            assertThat(event[0]).isEqualTo("event");
            assertThat(parse(event[1]).path("action").asText()).isEqualTo("sync");
            assertThat(parse(event[1]).path("time").asText()).isEqualTo("2025-03-01T10:00:00Z");
            assertThat(parse(event[1]).path("result").asText()).as("an audit entry, whole").isEqualTo("ok");
        }
    }

    @Test
    void theApplicationParameterLimitsTheStreamToOneApplication() throws Exception {
        try (Lines lines = new Lines(api.stream("api/stream?application=worker", bearer))) {
            awaitSubscribers(1);
            service.publish(new ServiceChange.ApplicationChanged(WEB));
            service.publish(new ServiceChange.EventRecorded(new AuditEvent(1, Instant.now(), new AuditEntry(
                    "driftless", "configuration.reload", null, AuditEntry.CONTROLLER, AuditEntry.OK, "1 application"),
                    AuditChain.GENESIS, AuditChain.GENESIS)));
            service.publish(new ServiceChange.ApplicationChanged(WORKER));

            String[] first = lines.nextEvent();
            assertThat(first[0]).isEqualTo("application");
            assertThat(parse(first[1]).path("name").asText()).as("web and the service-wide event were left out")
                    .isEqualTo("worker");
        }
    }

    @Test
    void aSilentStreamSendsKeepaliveComments() throws Exception {
        try (Lines lines = new Lines(api.stream("api/stream", bearer))) {
            String line;
            do {
                line = lines.next();
            } while (line.isEmpty() || line.equals(": connected"));
            assertThat(line).isEqualTo(": keepalive");
        }
    }

    @Test
    void theStreamNeedsATokenOrTheSessionCookieAndUnsubscribesWhenTheClientLeaves() throws Exception {
        assertThat(api.stream("api/stream", Map.of()).statusCode()).isEqualTo(401);
        assertThat(api.stream("api/stream", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
        assertThat(service.listeners).isEmpty();

        HttpResponse<Stream<String>> response = api.stream("api/stream",
                Map.of("Cookie", RestApi.SESSION_COOKIE + "=" + api.aliceToken));
        assertThat(response.statusCode()).isEqualTo(200);
        try (Lines lines = new Lines(response)) {
            awaitSubscribers(1);
        }
        awaitSubscribers(0);
    }
}
