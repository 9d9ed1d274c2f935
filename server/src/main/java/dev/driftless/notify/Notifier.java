package dev.driftless.notify;

import dev.driftless.engine.app.ApplicationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends application events to every configured channel, for the triggers each application selected. Delivery runs
 * on virtual threads: {@link #notify} returns at once, and a slow or failing receiver costs the caller nothing.
 * Failed attempts are retried with exponential backoff; the final failure is logged with the channel's host only.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /**
     * @param attempts requests per delivery, at least 1
     * @param backoff  the wait before the second attempt, doubled before each further one
     * @param timeout  how long one request may take, connecting included
     */
    public record Settings(int attempts, Duration backoff, Duration timeout) {
        public Settings {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
            if (backoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("backoff must not be negative and timeout must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(3, Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    private final List<ChannelSpec> channels;
    private final Settings settings;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    public Notifier(List<ChannelSpec> channels, Settings settings) {
        this.channels = List.copyOf(channels);
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Sends {@code event} to every channel if {@code application} selected its trigger, without waiting.
     *
     * @return completes when every channel has been delivered to or given up on; empty when nothing was sent
     */
    public CompletableFuture<List<Delivery>> notify(ApplicationSpec application, NotificationEvent event) {
        if (!application.name().equals(event.application())) {
            throw new IllegalArgumentException("event for application " + event.application()
                    + " given with the definition of " + application.name());
        }
        if (!application.notifyOn().contains(event.trigger()) || channels.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<Delivery>> deliveries = channels.stream()
                .map(channel -> CompletableFuture.supplyAsync(() -> deliver(channel, application, event), executor))
                .toList();
        return CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> deliveries.stream().map(CompletableFuture::join).toList());
    }

    private Delivery deliver(ChannelSpec channel, ApplicationSpec application, NotificationEvent event) {
        HttpRequest request = request(channel, application, event);
        int attempt = 0;
        Outcome outcome;
        do {
            attempt++;
            outcome = send(channel, request);
        } while (!outcome.delivered() && outcome.retryable() && attempt < settings.attempts()
                && sleep(backoff(attempt)));
        if (outcome.delivered()) {
            return new Delivery(channel.name(), true, attempt, "");
        }
        LOG.warn("Notification {} for application {} to channel {} ({}) failed after {} attempt(s): {}",
                TriggerNames.of(event.trigger()), event.application(), channel.name(), channel.safeTarget(),
                attempt, outcome.error());
        return new Delivery(channel.name(), false, attempt, outcome.error());
    }

    private HttpRequest request(ChannelSpec channel, ApplicationSpec application, NotificationEvent event) {
        String body = Payloads.of(channel.type(), application, event).toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(channel.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Driftless")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        channel.headers().forEach(builder::header);
        return builder.build();
    }

    private record Outcome(boolean delivered, boolean retryable, String error) {
    }

    private Outcome send(ChannelSpec channel, HttpRequest request) {
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return new Outcome(true, false, "");
            }
            boolean retryable = status >= 500 || status == 408 || status == 429;
            return new Outcome(false, retryable, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, true, "timed out after " + settings.timeout());
        } catch (IOException e) {
            return new Outcome(false, true, describe(channel, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, false, "interrupted");
        }
    }

    /** The JDK's messages do not normally quote the URL; scrubbing it anyway keeps the secret out of logs. */
    private static String describe(ChannelSpec channel, IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String path = channel.url().getRawPath();
        String query = channel.url().getRawQuery();
        message = message.replace(channel.url().toString(), channel.safeTarget());
        if (path != null && path.length() > 1) {
            message = message.replace(path, "/***");
        }
        if (query != null && !query.isEmpty()) {
            message = message.replace(query, "***");
        }
        return e.getClass().getSimpleName() + message;
    }

    private Duration backoff(int attempt) {
        return settings.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops deliveries in progress; events not yet delivered are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }
}
