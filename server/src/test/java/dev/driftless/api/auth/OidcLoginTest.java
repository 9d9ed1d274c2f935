package dev.driftless.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ID token validation against the keys of a real provider (mock-oauth2-server) and the sign-in state's checks. */
class OidcLoginTest {

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private final OidcLogin oidc;

    OidcLoginTest() {
        provider.start();
        oidc = OidcLogin.discover(new OidcSettings(URI.create(provider.issuerUrl("corp").toString()), "driftless",
                "client-secret-6f1", URI.create("http://127.0.0.1:1/api/auth/oidc/callback"), null, "roles", null),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        provider.shutdown();
    }

    private JWT idToken(String audience, Map<String, Object> claims) throws Exception {
        return JWTParser.parse(provider.issueToken("corp", "u-1", audience, claims, 3600).serialize());
    }

    @Test
    void aValidIdTokenGivesTheSsoPrincipalWithTheGroupsOfTheConfiguredClaim() throws Exception {
        Principal principal = oidc.principal(idToken("driftless",
                Map.of("email", "ann@corp.example", "roles", List.of("ops"))), null);

        assertThat(principal).isEqualTo(new Principal("sso:ann@corp.example", "ann@corp.example", List.of("ops")));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() throws Exception {
        JWT foreign = idToken("another-client", Map.of("email", "eve@corp.example"));

        assertThatThrownBy(() -> oidc.principal(foreign, null)).isInstanceOf(OidcLogin.OidcException.class)
                .hasMessageStartingWith("the ID token is not valid").hasMessageContaining("audience");
    }

    @Test
    void aTamperedIdTokenIsRefused() throws Exception {
        String[] parts = idToken("driftless", Map.of("email", "ann@corp.example")).serialize().split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("ann@corp.example", "admin@corp.example").getBytes());
        JWT tampered = JWTParser.parse(parts[0] + "." + forgedPayload + "." + parts[2]);

        assertThatThrownBy(() -> oidc.principal(tampered, null)).isInstanceOf(OidcLogin.OidcException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aWrongNonceIsRefused() throws Exception {
        JWT token = idToken("driftless", Map.of("email", "ann@corp.example", "nonce", "the-real-nonce"));

        assertThatThrownBy(() -> oidc.principal(token, new Nonce("another-nonce")))
                .hasMessageContaining("nonce");
        assertThat(oidc.principal(token, new Nonce("the-real-nonce")).actor()).isEqualTo("sso:ann@corp.example");
    }

    @Test
    void aCallbackMustCarryTheStateBoundToTheBrowserAndOnlyOnce() {
        String state = oidc.begin().state();

        assertThatThrownBy(() -> oidc.complete("code", state, null)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> oidc.complete("code", "made-up", "made-up")).hasMessageContaining("unknown or expired");
        assertThatThrownBy(() -> oidc.complete("", state, state)).hasMessage("the provider sent no authorization code");
        assertThatThrownBy(() -> oidc.complete("code", state, state)).as("used once")
                .hasMessageContaining("unknown or expired");
    }
}
