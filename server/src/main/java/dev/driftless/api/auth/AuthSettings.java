package dev.driftless.api.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@code driftless serve} authenticates and authorises beyond local users: single sign-on, the RBAC policy
 * file and default role.
 *
 * @param policyFile  an RBAC policy in Argo CD's CSV format, or null for the built-in policy alone
 * @param defaultRole the role every signed-in subject has ({@code policy.default}), or null for none
 * @param oidc        single sign-on with OpenID Connect, or null for none
 */
public record AuthSettings(Path policyFile, String defaultRole, OidcSettings oidc) {

    public static AuthSettings defaults() {
        return new AuthSettings(null, null, null);
    }

    /** The configured policy lines, read and checked; errors name the file, line and field. */
    public List<PolicyRule> policy() {
        return policyFile == null ? List.of() : PolicyLines.read(policyFile);
    }

    public Optional<String> defaultRoleIfAny() {
        return Optional.ofNullable(defaultRole).filter(role -> !role.isBlank());
    }
}
