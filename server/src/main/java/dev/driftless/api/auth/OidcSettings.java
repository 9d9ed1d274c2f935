package dev.driftless.api.auth;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Single sign-on with an OpenID Connect provider.
 *
 * @param issuer       the provider's issuer URL; its discovery document is read from
 *                     {@code <issuer>/.well-known/openid-configuration}
 * @param clientId     this service's client id at the provider
 * @param clientSecret the client secret; never shown by {@link #toString()}
 * @param redirectUri  {@code <public URL of the service>/api/auth/oidc/callback}, as registered at the provider
 * @param displayName  shown on the login page: "Log in with <displayName>"
 * @param groupsClaim  the ID token claim listing the user's groups, matched by {@code g, <group>, <role>} lines
 * @param scopes       scopes asked for besides {@code openid}, e.g. {@code email}, {@code profile}, {@code groups}
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, URI redirectUri, String displayName,
                           String groupsClaim, List<String> scopes) {

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        displayName = displayName == null || displayName.isBlank() ? "SSO" : displayName;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        scopes = scopes == null ? List.of("email", "profile") : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", redirectUri=" + redirectUri
                + ", displayName=" + displayName + ", groupsClaim=" + groupsClaim + ", scopes=" + scopes + "]";
    }
}
