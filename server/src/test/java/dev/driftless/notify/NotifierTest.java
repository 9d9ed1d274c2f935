package dev.driftless.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class NotifierTest {

    private static final Instant TIME = Instant.parse("2025-05-01T12:30:00Z");
    private static final Notifier.Settings QUICK = new Notifier.Settings(3, Duration.ofMillis(10), Duration.ofSeconds(20));

    private static ApplicationSpec application(Set<NotificationTrigger> notifyOn) {
        return new ApplicationSpec("shop", "retail", Map.of(),
                new SourceSpec("https://git.example.com/shop.git", "main", "", null),
                new DestinationSpec("prod-eu", "shop"), null, List.of(), notifyOn);
    }

    private static NotificationEvent event(NotificationTrigger trigger) {
        return new NotificationEvent(trigger, "shop", "0123456789abcdef", "Deployment shop/web: image tag drifted",
                TIME);
    }

    private static ChannelSpec webhook(Receiver receiver) {
        return new ChannelSpec("audit", ChannelSpec.Type.WEBHOOK, receiver.url("/hooks/driftless"),
                Map.of("X-Team", "platform"));
    }

    private static List<Delivery> await(CompletableFuture<List<Delivery>> deliveries) throws Exception {
        return deliveries.get(30, TimeUnit.SECONDS);
    }

    @Test
    void postsTheEventAsJsonToAGenericWebhook() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204);
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.DRIFT_DETECTED)),
                    event(NotificationTrigger.DRIFT_DETECTED)));

            assertThat(deliveries).containsExactly(new Delivery("audit", true, 1, ""));
            Receiver.Request request = receiver.requests().getFirst();
            assertThat(request.path()).isEqualTo("/hooks/driftless");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.header()).as("configured headers are sent").isEqualTo("platform");
            assertThat(request.body()).isEqualTo(Documents.JSON.readTree("""
                    {"event": "drift-detected", "application": "shop", "revision": "0123456789abcdef",
                     "message": "Deployment shop/web: image tag drifted", "time": "2025-05-01T12:30:00Z",
                     "project": "retail", "cluster": "prod-eu", "namespace": "shop"}
                    """));
        }
    }

    @Test
    void postsASlackMessageWithTextAndAColouredAttachment() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200);
                Notifier notifier = new Notifier(List.of(new ChannelSpec("ops", ChannelSpec.Type.SLACK,
                        receiver.url("/services/T1/B2/XYZ"), Map.of())), QUICK)) {
            await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            JsonNode body = receiver.requests().getFirst().body();
            assertThat(body.path("text").asText())
                    .isEqualTo("Driftless: shop sync failed: Deployment shop/web: image tag drifted");
            assertThat(body.path("blocks").isMissingNode()).isTrue();
            JsonNode attachment = body.path("attachments").path(0);
            assertThat(attachment.path("color").asText()).as("Slack's colour for failures").isEqualTo("danger");
            assertThat(attachment.path("ts").asLong()).isEqualTo(TIME.getEpochSecond());
            assertThat(attachment.path("fields").findValuesAsText("value"))
                    .containsExactly("shop", "0123456789abcdef", "retail", "prod-eu/shop");
        }
    }

    @Test
    void colourSaysHowBadTheEventIs() {
        ApplicationSpec application = application(Set.of());
        assertThat(Payloads.slack(application, event(NotificationTrigger.SYNC_SUCCEEDED))
                .path("attachments").path(0).path("color").asText()).isEqualTo("good");
        assertThat(Payloads.slack(application, event(NotificationTrigger.DRIFT_DETECTED))
                .path("attachments").path(0).path("color").asText()).isEqualTo("warning");
        assertThat(Payloads.slack(application, event(NotificationTrigger.HEALTH_DEGRADED))
                .path("attachments").path(0).path("color").asText()).isEqualTo("danger");
    }

    @Test
    void sendsOnlyTheTriggersTheApplicationSelected() throws Exception {
        try (Receiver receiver = new Receiver(n -> 200);
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            ApplicationSpec application = application(Set.of(NotificationTrigger.SYNC_FAILED));

            List<Delivery> skipped = await(notifier.notify(application, event(NotificationTrigger.SYNC_SUCCEEDED)));
            await(notifier.notify(application, event(NotificationTrigger.SYNC_FAILED)));

            assertThat(skipped).isEmpty();
            assertThat(receiver.requests()).extracting(request -> request.body().path("event").asText())
                    .containsExactly("sync-failed");
        }
    }

    @Test
    void sendsToEveryChannel() throws Exception {
        try (Receiver first = new Receiver(n -> 200); Receiver second = new Receiver(n -> 200);
                Notifier notifier = new Notifier(List.of(webhook(first),
                        new ChannelSpec("ops", ChannelSpec.Type.SLACK, second.url("/slack"), Map.of())), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).extracting(Delivery::channel, Delivery::delivered)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("audit", true),
                            org.assertj.core.groups.Tuple.tuple("ops", true));
            assertThat(first.requests()).hasSize(1);
            assertThat(second.requests()).hasSize(1);
        }
    }

    @Test
    void retriesAServerErrorUntilItIsAccepted() throws Exception {
        try (Receiver receiver = new Receiver(n -> n < 3 ? 500 : 200);
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).containsExactly(new Delivery("audit", true, 3, ""));
            assertThat(receiver.requests()).hasSize(3);
        }
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        try (Receiver receiver = new Receiver(n -> 503);
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).containsExactly(new Delivery("audit", false, 3, "HTTP 503"));
            assertThat(receiver.requests()).hasSize(3);
        }
    }

    @Test
    void doesNotRetryARequestTheReceiverRefuses() throws Exception {
        try (Receiver receiver = new Receiver(n -> 404);
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).containsExactly(new Delivery("audit", false, 1, "HTTP 404"));
        }
    }

    @Test
    void returnsWhileTheReceiverIsStillAnswering() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver receiver = new Receiver(n -> {
                    awaitQuietly(release);
                    return 200;
                });
                Notifier notifier = new Notifier(List.of(webhook(receiver)), QUICK)) {
            CompletableFuture<List<Delivery>> deliveries = notifier.notify(
                    application(Set.of(NotificationTrigger.SYNC_FAILED)), event(NotificationTrigger.SYNC_FAILED));

            assertThat(deliveries).as("the receiver cannot answer before the test releases it").isNotDone();
            release.countDown();
            assertThat(await(deliveries)).containsExactly(new Delivery("audit", true, 1, ""));
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Notifier.Settings shortTimeout = new Notifier.Settings(2, Duration.ofMillis(10), Duration.ofMillis(300));
        try (Receiver receiver = new Receiver(n -> {
                    awaitQuietly(release);
                    return 200;
                });
                Notifier notifier = new Notifier(List.of(webhook(receiver)), shortTimeout)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.delivered()).isFalse();
                assertThat(delivery.attempts()).isEqualTo(2);
                assertThat(delivery.error()).startsWith("timed out");
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void logsFailuresWithTheHostOnlyNeverTheSecretPathOrQuery() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Receiver receiver = new Receiver(n -> 500)) {
            ChannelSpec slack = new ChannelSpec("ops-slack", ChannelSpec.Type.SLACK,
                    receiver.url("/services/T000/B000/PATHSECRET?token=QUERYSECRET"), Map.of());
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            List<Delivery> deliveries;
            try (Notifier notifier = new Notifier(List.of(slack), QUICK)) {
                deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                        event(NotificationTrigger.SYNC_FAILED)));
            } finally {
                System.setErr(originalErr);
            }

            String logged = log.toString(StandardCharsets.UTF_8);
            assertThat(logged).contains("ops-slack").contains("http://127.0.0.1:").contains("HTTP 500")
                    .doesNotContain("PATHSECRET", "QUERYSECRET", "/services");
            assertThat(deliveries.toString()).doesNotContain("PATHSECRET", "QUERYSECRET");
            assertThat(slack.toString()).doesNotContain("PATHSECRET", "QUERYSECRET");
        }
    }

    @Test
    void connectionFailuresDoNotShowTheUrlEither() throws Exception {
        ChannelSpec closed;
        try (Receiver receiver = new Receiver(n -> 200)) {
            closed = new ChannelSpec("gone", ChannelSpec.Type.WEBHOOK,
                    receiver.url("/hooks/PATHSECRET?key=QUERYSECRET"), Map.of());
        }
        try (Notifier notifier = new Notifier(List.of(closed), QUICK)) {
            List<Delivery> deliveries = await(notifier.notify(application(Set.of(NotificationTrigger.SYNC_FAILED)),
                    event(NotificationTrigger.SYNC_FAILED)));

            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.delivered()).isFalse();
                assertThat(delivery.attempts()).as("a refused connection is retried").isEqualTo(3);
                assertThat(delivery.error()).doesNotContain("PATHSECRET", "QUERYSECRET");
            });
        }
    }

    @Test
    void refusesAnEventForAnotherApplication() {
        try (Notifier notifier = new Notifier(List.of(), QUICK)) {
            assertThatThrownBy(() -> notifier.notify(application(Set.of()),
                    new NotificationEvent(NotificationTrigger.SYNC_FAILED, "other", "", "", TIME)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
