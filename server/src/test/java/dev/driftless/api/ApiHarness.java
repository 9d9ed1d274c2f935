package dev.driftless.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.api.ReadinessCheck.Readiness;
import dev.driftless.api.auth.AccessControl;
import dev.driftless.api.auth.Accounts;
import dev.driftless.api.auth.LoginLimiter;
import dev.driftless.api.auth.OidcLogin;
import dev.driftless.api.auth.PolicyLines;
import dev.driftless.api.auth.Principal;
import dev.driftless.api.webhook.WebhookSecrets;
import dev.driftless.engine.model.Documents;
import dev.driftless.store.Store;
import dev.driftless.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An {@link ApiServer} over a {@link FakeDriftlessService} on a free loopback port, and real HTTP to it. Accounts
 * live in a store in a temporary directory: {@code admin} (role:admin) and {@code alice}, who may do anything to
 * applications, each with a signed-in session token; {@link #POLICY} is the configured RBAC policy.
 */
final class ApiHarness implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-password-7b0d4e9a";
    static final String ALICE_PASSWORD = "alice-password-2c81f5";
    static final List<String> POLICY = List.of("p, alice, applications, *, */*, allow");

    final FakeDriftlessService service;
    final ApiServer server;
    final AccessControl access;
    /** A session token of {@code admin}. */
    final String adminToken;
    /** A session token of {@code alice}. */
    final String aliceToken;
    private final Path dataDir;
    private final Store store;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiHarness(FakeDriftlessService service) {
        this(service, EventStream.KEEPALIVE);
    }

    ApiHarness(FakeDriftlessService service, Duration streamKeepalive) {
        this(service, streamKeepalive, new LoginLimiter(LoginLimiter.DEFAULT_MAX_FAILURES, LoginLimiter.DEFAULT_WINDOW,
                Clock.systemUTC()));
    }

    ApiHarness(FakeDriftlessService service, Duration streamKeepalive, LoginLimiter limiter) {
        this(service, streamKeepalive, limiter, 0, Optional.empty());
    }

    /** On {@code port} (0 for any), with single sign-on when {@code oidc} is given. */
    ApiHarness(FakeDriftlessService service, Duration streamKeepalive, LoginLimiter limiter, int port,
               Optional<OidcLogin> oidc) {
        this.service = service;
        try {
            this.dataDir = Files.createTempDirectory("driftless-api");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = Store.open(new StoreSettings(dataDir, null, Map.of(), Clock.systemUTC()));
        Accounts accounts = new Accounts(store.accounts(), Clock.systemUTC());
        accounts.createUser("admin", ADMIN_PASSWORD);
        accounts.createUser("alice", ALICE_PASSWORD);
        this.access = new AccessControl(accounts, limiter, PolicyLines.parse("test policy", POLICY), Optional.empty(),
                oidc);
        this.adminToken = accounts.openSession(Principal.user("admin"));
        this.aliceToken = accounts.openSession(Principal.user("alice"));
        this.server = ApiServer.start(ApiServer.Options.loopback(port, WebhookSecrets.none()), service, access,
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
        return send("GET", path, null, adminToken);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, adminToken);
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body, adminToken);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, adminToken);
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
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
