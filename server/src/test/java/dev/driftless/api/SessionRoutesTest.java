package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Browser sessions: the cookie signing in sets, what it authenticates, and the header that guards its writes. */
class SessionRoutesTest {

    private static final String COOKIE = RestApi.SESSION_COOKIE + "=" + ApiHarness.ALICE_TOKEN;

    private final FakeDriftlessService service = new FakeDriftlessService()
            .with(new ApplicationView(spec("web"), Origin.API, Optional.empty()));
    private final ApiHarness api = new ApiHarness(service);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void signingInSetsAStrictHttpOnlySessionCookieHoldingTheToken() {
        HttpResponse<String> response = api.sendWith("POST", "api/session",
                "{\"token\":\"" + ApiHarness.ALICE_TOKEN + "\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(204);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(COOKIE + ";").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/")
                .as("plain HTTP gets no Secure cookie, or the browser would drop it").doesNotContainIgnoringCase("Secure;");
    }

    @Test
    void aWrongTokenIsRefusedAndSetsNoCookie() {
        HttpResponse<String> wrong = api.sendWith("POST", "api/session", "{\"token\":\"guess\"}", Map.of());
        HttpResponse<String> missing = api.sendWith("POST", "api/session", "{}", Map.of());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).contains("not valid").doesNotContain("guess");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).contains("token");
    }

    @Test
    void theCookieAuthenticatesReadsAsTheTokensUser() {
        HttpResponse<String> who = api.sendWith("GET", "api/session", null, Map.of("Cookie", COOKIE));
        HttpResponse<String> list = api.sendWith("GET", "api/applications", null, Map.of("Cookie", COOKIE));

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
    }

    @Test
    void aWriteWithTheCookieButWithoutTheRequestHeaderIsForbidden() {
        for (String method : new String[] {"POST", "DELETE"}) {
            String path = method.equals("POST") ? "api/applications/web/refresh" : "api/applications/web";
            HttpResponse<String> forged = api.sendWith(method, path, null, Map.of("Cookie", COOKIE));
            HttpResponse<String> wrongValue = api.sendWith(method, path, null,
                    Map.of("Cookie", COOKIE, RestApi.CSRF_HEADER, "form"));

            assertThat(forged.statusCode()).as(method).isEqualTo(403);
            assertThat(json(forged).path("error").asText()).contains(RestApi.CSRF_HEADER);
            assertThat(wrongValue.statusCode()).as(method).isEqualTo(403);
        }
        assertThat(service.calls).as("nothing reached the service").isEmpty();
    }

    @Test
    void aWriteWithTheCookieAndTheRequestHeaderActsAsTheTokensUser() {
        HttpResponse<String> response = api.sendWith("POST", "api/applications/web/refresh", null,
                Map.of("Cookie", COOKIE, RestApi.CSRF_HEADER, "ui"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(service.calls).containsExactly("refresh web by user:alice");
    }

    @Test
    void signingOutClearsTheCookie() {
        HttpResponse<String> response = api.sendWith("DELETE", "api/session", null, Map.of("Cookie", COOKIE));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(RestApi.SESSION_COOKIE + "=;").containsIgnoringCase("Max-Age=0");
    }
}
