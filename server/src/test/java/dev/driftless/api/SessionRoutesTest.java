package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.api.auth.LoginLimiter;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a user name and password: the session cookie it sets, the token it answers the CLI, what they
 * authenticate, the header that guards cookie writes, signing out, and the limit on failed attempts.
 */
class SessionRoutesTest {

    private static final String ALICE = "{\"username\":\"alice\",\"password\":\"" + ApiHarness.ALICE_PASSWORD + "\"}";

    private final FakeDriftlessService service = new FakeDriftlessService()
            .with(new ApplicationView(spec("web"), Origin.API, Optional.empty()));
    private final ApiHarness api = new ApiHarness(service, EventStream.KEEPALIVE,
            new LoginLimiter(3, Duration.ofMinutes(1), Clock.systemUTC()));
    private final String cookie = RestApi.SESSION_COOKIE + "=" + api.aliceToken;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void signingInSetsAStrictHttpOnlyExpiringCookieAndAnswersTheTokenToTheCli() {
        HttpResponse<String> response = api.sendWith("POST", "api/session", ALICE, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        String token = json(response).path("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(api.aliceToken);
        assertThat(json(response).path("actor").asText()).isEqualTo("user:alice");
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(RestApi.SESSION_COOKIE + "=" + token + ";").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/").contains("Max-Age=43200")
                .as("plain HTTP gets no Secure cookie, or the browser would drop it").doesNotContainIgnoringCase("Secure;");
        HttpResponse<String> who = api.send("GET", "api/session", null, token);
        assertThat(json(who).path("user").asText()).isEqualTo("alice");
    }

    @Test
    void theDashboardGetsTheCookieButNotTheToken() {
        HttpResponse<String> response = api.sendWith("POST", "api/session", ALICE,
                Map.of(RestApi.CSRF_HEADER, "ui"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("token")).isFalse();
        assertThat(response.headers().firstValue("Set-Cookie")).isPresent();
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefusedAlikeAndSetsNoCookie() {
        HttpResponse<String> wrong = api.sendWith("POST", "api/session",
                "{\"username\":\"alice\",\"password\":\"guess-4711\"}", Map.of());
        HttpResponse<String> unknown = api.sendWith("POST", "api/session",
                "{\"username\":\"mallory\",\"password\":\"guess-4711\"}", Map.of());
        HttpResponse<String> missing = api.sendWith("POST", "api/session", "{\"username\":\"alice\"}", Map.of());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("wrong user name or password");
        assertThat(wrong.body()).doesNotContain("guess-4711");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).startsWith("password: required");
    }

    @Test
    void failedSignInsAreLimitedPerUserNameThenAnsweredWith429AndRetryAfterWithoutLoggingThePassword() {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(api.sendWith("POST", "api/session",
                        "{\"username\":\"alice\",\"password\":\"guess-" + attempt + "-x9\"}", Map.of()).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> limited = api.sendWith("POST", "api/session", ALICE, Map.of());

            assertThat(limited.statusCode()).as("even the right password, while limited").isEqualTo(429);
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(json(limited).path("error").asText()).contains("too many failed sign-ins");
            assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();
        } finally {
            System.setErr(original);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("failed sign-in as alice from").doesNotContain("guess-0-x9")
                .doesNotContain(ApiHarness.ALICE_PASSWORD);
    }

    @Test
    void failedSignInsAreLimitedPerAddressAcrossUserNames() {
        for (String user : new String[] {"bob", "carol", "dave"}) {
            api.sendWith("POST", "api/session", "{\"username\":\"" + user + "\",\"password\":\"wrong-pass\"}",
                    Map.of());
        }

        assertThat(api.sendWith("POST", "api/session", ALICE, Map.of()).statusCode()).isEqualTo(429);
    }

    @Test
    void theCookieAuthenticatesReadsAsTheSessionsUser() {
        HttpResponse<String> who = api.sendWith("GET", "api/session", null, Map.of("Cookie", cookie));
        HttpResponse<String> list = api.sendWith("GET", "api/applications", null, Map.of("Cookie", cookie));

        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(json(who).path("user").asText()).isEqualTo("alice");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).path("items").get(0).path("name").asText()).isEqualTo("web");
    }

    @Test
    void withoutAValidCookieOrTokenTheSessionIsUnknown() {
        assertThat(api.sendWith("GET", "api/session", null, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> stale = api.sendWith("GET", "api/session", null,
                Map.of("Cookie", RestApi.SESSION_COOKIE + "=revoked-token"));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).path("error").asText()).contains("sign in again");
        assertThat(api.sendWith("GET", "api/applications", null,
                Map.of("Cookie", RestApi.SESSION_COOKIE + "=revoked-token")).statusCode()).isEqualTo(401);
        assertThat(api.sendWith("POST", "api/session", ALICE,
                Map.of("Cookie", RestApi.SESSION_COOKIE + "=revoked-token")).statusCode())
                .as("a stale cookie does not stop signing in again").isEqualTo(200);
    }

    @Test
    void aWriteWithTheCookieButWithoutTheRequestHeaderIsForbidden() {
        for (String method : new String[] {"POST", "DELETE"}) {
            String path = method.equals("POST") ? "api/applications/web/refresh" : "api/applications/web";
            HttpResponse<String> forged = api.sendWith(method, path, null, Map.of("Cookie", cookie));
            HttpResponse<String> wrongValue = api.sendWith(method, path, null,
                    Map.of("Cookie", cookie, RestApi.CSRF_HEADER, "form"));

            assertThat(forged.statusCode()).as(method).isEqualTo(403);
            assertThat(json(forged).path("error").asText()).contains(RestApi.CSRF_HEADER);
            assertThat(wrongValue.statusCode()).as(method).isEqualTo(403);
        }
        assertThat(service.calls).as("nothing reached the service").isEmpty();
    }

    @Test
    void aWriteWithTheCookieAndTheRequestHeaderActsAsTheSessionsUser() {
        HttpResponse<String> response = api.sendWith("POST", "api/applications/web/refresh", null,
                Map.of("Cookie", cookie, RestApi.CSRF_HEADER, "ui"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(service.calls).containsExactly("refresh web by user:alice");
    }

    @Test
    void signingOutClearsTheCookieAndEndsTheSessionOnTheServer() {
        HttpResponse<String> response = api.sendWith("DELETE", "api/session", null, Map.of("Cookie", cookie));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(RestApi.SESSION_COOKIE + "=;").containsIgnoringCase("Max-Age=0");
        assertThat(api.sendWith("GET", "api/session", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
        assertThat(api.send("GET", "api/session", null, api.aliceToken).statusCode()).isEqualTo(401);
    }
}
