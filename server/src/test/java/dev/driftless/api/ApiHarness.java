package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.api.ReadinessCheck.Readiness;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.engine.model.Documents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/** An {@link ApiServer} over a {@link FakeDriftlessService} on a free loopback port, and real HTTP to it. */
final class ApiHarness implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-token-7b0d4e9a";
    static final String ALICE_TOKEN = "alice-token-2c81f5";

    final FakeDriftlessService service;
    final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiHarness(FakeDriftlessService service) {
        this(service, EventStream.KEEPALIVE);
    }

    ApiHarness(FakeDriftlessService service, Duration streamKeepalive) {
        this.service = service;
        this.server = ApiServer.start(ApiServer.Options.loopback(0, WebhookSecrets.none()), service,
                ApiTokens.ofHashes(Map.of(ApiTokens.hash(ADMIN_TOKEN), "admin", ApiTokens.hash(ALICE_TOKEN), "alice")),
                () -> Readiness.READY, streamKeepalive);
    }

    /** Opens {@code path} as an event stream; returns once the headers arrived, the lines are read as they come. */
    HttpResponse<Stream<String>> stream(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, ADMIN_TOKEN);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, ADMIN_TOKEN);
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body, ADMIN_TOKEN);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, ADMIN_TOKEN);
    }

    /** {@code token} null sends no Authorization header. */
    HttpResponse<String> send(String method, String path, String body, String token) {
        return sendWith(method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** With exactly these headers (besides the content type of a body), e.g. a session cookie. */
    HttpResponse<String> sendWith(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    static JsonNode parse(String text) {
        try {
            return Documents.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
