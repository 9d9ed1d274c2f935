package dev.driftless.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect sign-in with the authorization code flow, PKCE (S256), state and nonce, done with nimbus
 * oauth2-oidc-sdk: {@link #begin} gives the provider's authorization URL, {@link #complete} exchanges the code and
 * validates the ID token (signature by the provider's JWKS, issuer, audience, expiry, nonce) into a
 * {@link Principal} {@code sso:<email>} with the groups of the configured claim.
 */
public final class OidcLogin {

    /** How long a sign-in may take between leaving for the provider and coming back. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    private final OidcSettings settings;
    private final OIDCProviderMetadata provider;
    private final IDTokenValidator validator;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** What a sign-in started with, kept until the provider sends the browser back. */
    private record Pending(CodeVerifier verifier, Nonce nonce, Instant expires) {
    }

    /** A sign-in begun: where to send the browser, and the state to bind to it (in a cookie). */
    public record Redirect(URI authorizationUri, String state) {
    }

    /** Why a sign-in was refused; the message names the reason, never a token. */
    public static final class OidcException extends RuntimeException {
        OidcException(String message, Throwable cause) {
            super(message, cause);
        }

        public OidcException(String message) {
            super(message);
        }
    }

    private OidcLogin(OidcSettings settings, OIDCProviderMetadata provider, IDTokenValidator validator, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Reads the provider's discovery document.
     *
     * @throws OidcException naming the issuer when it cannot be read
     */
    public static OidcLogin discover(OidcSettings settings, Clock clock) {
        Issuer issuer = new Issuer(settings.issuer());
        try {
            OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(issuer);
            IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(settings.clientId()),
                    JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
            return new OidcLogin(settings, provider, validator, clock);
        } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new OidcException("cannot read the OpenID Connect discovery document of " + settings.issuer()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Shown on the login page. */
    public String displayName() {
        return settings.displayName();
    }

    /** Starts a sign-in: a new state, nonce and PKCE verifier, and the provider's authorization URL. */
    public Redirect begin() {
        Instant now = clock.instant();
        pending.values().removeIf(old -> !now.isBefore(old.expires()));
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        pending.put(state.getValue(), new Pending(verifier, nonce, now.plus(PENDING_LIFETIME)));
        Scope scope = new Scope("openid");
        settings.scopes().forEach(scope::add);
        URI uri = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE), scope,
                new ClientID(settings.clientId()), settings.redirectUri())
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        return new Redirect(uri, state.getValue());
    }

    /**
     * Finishes a sign-in when the provider sends the browser back.
     *
     * @param state        the {@code state} of the callback
     * @param browserState the state bound to the browser at {@link #begin}, so that a callback started in another
     *                     browser is refused
     * @throws OidcException when the state is unknown, expired or not this browser's, the code exchange fails, or the
     *                       ID token is not valid
     */
    public Principal complete(String code, String state, String browserState) {
        if (state == null || !state.equals(browserState)) {
            throw new OidcException("the sign-in state does not match this browser's; start the sign-in again");
        }
        Pending started = pending.remove(state);
        if (started == null || !clock.instant().isBefore(started.expires())) {
            throw new OidcException("the sign-in state is unknown or expired; start the sign-in again");
        }
        if (code == null || code.isBlank()) {
            throw new OidcException("the provider sent no authorization code");
        }
        JWT idToken = exchange(new AuthorizationCode(code), started.verifier());
        return principal(idToken, started.nonce());
    }

    /** The principal of a validated ID token: signature, issuer, audience, expiry and nonce are checked. */
    Principal principal(JWT idToken, Nonce nonce) {
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, nonce);
        } catch (BadJOSEException | JOSEException e) {
            throw new OidcException("the ID token is not valid: " + e.getMessage(), e);
        }
        String email = claims.getStringClaim("email");
        String who = email != null && !email.isBlank() ? email : claims.getSubject().getValue();
        return new Principal("sso:" + who, who, groups(claims.getClaim(settings.groupsClaim())));
    }

    private JWT exchange(AuthorizationCode code, CodeVerifier verifier) {
        try {
            com.nimbusds.oauth2.sdk.TokenRequest request = new com.nimbusds.oauth2.sdk.TokenRequest(
                    provider.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                    new AuthorizationCodeGrant(code, settings.redirectUri(), verifier));
            TokenResponse response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!response.indicatesSuccess()) {
                throw new OidcException("the provider refused the authorization code: "
                        + response.toErrorResponse().getErrorObject().getCode());
            }
            return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (IOException | ParseException e) {
            throw new OidcException("cannot exchange the authorization code at " + provider.getTokenEndpointURI()
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof List<?> list) {
            list.forEach(group -> groups.add(String.valueOf(group)));
        } else if (claim instanceof String single) {
            groups.add(single);
        }
        return groups;
    }

    @Override
    public String toString() {
        return "OidcLogin[" + settings + "]";
    }
}
