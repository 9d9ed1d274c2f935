package dev.driftless.api;

import static dev.driftless.api.ApiHarness.json;
import static dev.driftless.api.FakeDriftlessService.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.api.auth.LoginLimiter;
import dev.driftless.api.auth.OidcLogin;
import dev.driftless.api.auth.OidcSettings;
import dev.driftless.service.ApplicationView;
import dev.driftless.service.Origin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server) started in the test: the whole
 * authorization code flow with PKCE through its redirects, a group mapped to a role, and a forged state; ID tokens
 * for another audience or tampered with are refused in {@code OidcLoginTest}.
 */
class OidcRoutesTest {

    private static final String CLIENT_ID = "driftless";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private final ApiHarness api;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    OidcRoutesTest() throws IOException {
        provider.start();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI callback = URI.create("http://127.0.0.1:" + port + "/api/auth/oidc/callback");
        OidcLogin oidc = OidcLogin.discover(new OidcSettings(URI.create(provider.issuerUrl("corp").toString()),
                CLIENT_ID, "client-secret-6f1", callback, "Corp SSO", "groups", List.of("email")), Clock.systemUTC());
        api = new ApiHarness(new FakeDriftlessService()
                .with(new ApplicationView(spec("web"), Origin.API, Optional.empty())), EventStream.KEEPALIVE,
                LoginLimiter.defaults(), port, Optional.of(oidc));
        api.access.setProjectPolicies(List.of("g, platform-team, role:readonly"));
    }

    @AfterEach
    void stop() {
        api.close();
        provider.shutdown();
    }

    private void provide(List<String> audience, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "u-1234", "JWT", audience, claims, 3600));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no redirect: " + response.statusCode() + " " + response.body())));
    }

    /** Follows the redirects from the login route through the provider back to the callback; its answer. */
    private HttpResponse<String> signInThroughTheProvider() throws Exception {
        HttpResponse<String> login = get(api.server.url().resolve("/api/auth/oidc/login"));
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorize = location(login);
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("nonce=").contains("state=").contains("client_id=" + CLIENT_ID);
        HttpResponse<String> atProvider = get(authorize);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        return get(location(atProvider));
    }

    @Test
    void theLoginPageLearnsThatSingleSignOnIsConfigured() throws Exception {
        HttpResponse<String> info = get(api.server.url().resolve("/api/auth/info"));

        assertThat(json(info).path("oidc").asBoolean()).isTrue();
        assertThat(json(info).path("oidcName").asText()).isEqualTo("Corp SSO");
    }

    @Test
    void aFullSignInSetsTheSessionAndTheGroupsRoleApplies() throws Exception {
        provide(List.of(CLIENT_ID), Map.of("email", "ann@corp.example", "groups", List.of("staff", "platform-team")));

        HttpResponse<String> callback = signInThroughTheProvider();

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("/");
        HttpResponse<String> who = get(api.server.url().resolve("/api/session"));
        assertThat(json(who).path("actor").asText()).isEqualTo("sso:ann@corp.example");
        HttpResponse<String> list = get(api.server.url().resolve("/api/applications"));
        assertThat(json(list).path("total").asLong()).as("readonly through the group").isEqualTo(1);
        HttpResponse<String> users = get(api.server.url().resolve("/api/users"));
        assertThat(users.statusCode()).as("readonly may get accounts").isEqualTo(200);
    }

    @Test
    void aUserOutsideTheMappedGroupsSignsInButMayDoNothing() throws Exception {
        provide(List.of(CLIENT_ID), Map.of("email", "bo@corp.example", "groups", List.of("staff")));

        assertThat(signInThroughTheProvider().statusCode()).isEqualTo(302);
        HttpResponse<String> app = get(api.server.url().resolve("/api/applications/web"));
        assertThat(app.statusCode()).isEqualTo(403);
        assertThat(json(get(api.server.url().resolve("/api/applications"))).path("total").asLong()).isZero();
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        provide(List.of(CLIENT_ID), Map.of("email", "ann@corp.example"));
        HttpResponse<String> login = get(api.server.url().resolve("/api/auth/oidc/login"));
        URI back = location(get(location(login)));
        URI forged = URI.create(back.toString().replaceAll("state=[^&]+", "state=forged-state"));

        HttpResponse<String> callback = get(forged);

        assertThat(callback.statusCode()).isEqualTo(401);
        assertThat(json(callback).path("error").asText()).contains("state does not match");
        assertThat(get(api.server.url().resolve("/api/session")).statusCode()).isEqualTo(401);
    }
}
