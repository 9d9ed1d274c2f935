package dev.driftless.api.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the API needs to tell who calls and what they may do: the accounts, the login limiter and the RBAC
 * policy, which is the configured policy plus the project roles' lines, replaced whole when those change.
 */
public final class AccessControl {

    private final Accounts accounts;
    private final LoginLimiter limiter;
    private final List<PolicyRule> configured;
    private final Optional<String> defaultRole;
    private final AtomicReference<Rbac> rbac;
    private final Optional<OidcLogin> oidc;

    /**
     * @param configured  the policy from configuration ({@code driftless serve --rbac-policy FILE})
     * @param defaultRole the role every signed-in subject has ({@code policy.default}), if any
     */
    public AccessControl(Accounts accounts, LoginLimiter limiter, List<PolicyRule> configured,
                         Optional<String> defaultRole) {
        this(accounts, limiter, configured, defaultRole, Optional.empty());
    }

    /** @param oidc single sign-on, when configured */
    public AccessControl(Accounts accounts, LoginLimiter limiter, List<PolicyRule> configured,
                         Optional<String> defaultRole, Optional<OidcLogin> oidc) {
        this.oidc = oidc;
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.configured = List.copyOf(configured);
        this.defaultRole = defaultRole;
        this.rbac = new AtomicReference<>(Rbac.of(this.configured, defaultRole));
    }

    /**
     * Replaces the project roles' policy lines (Argo CD CSV, e.g. {@code p, proj:team-a:ci, applications, sync,
     * team-a/*, allow}); the configured policy stays. Nothing changes when a line is bad.
     *
     * @throws IllegalArgumentException naming the line, field and reason of the first bad line
     */
    public void setProjectPolicies(List<String> lines) {
        List<PolicyRule> all = new ArrayList<>(configured);
        all.addAll(PolicyLines.parse("project role policy", lines));
        rbac.set(Rbac.of(all, defaultRole));
    }

    public Accounts accounts() {
        return accounts;
    }

    public LoginLimiter limiter() {
        return limiter;
    }

    /** Single sign-on, when configured. */
    public Optional<OidcLogin> oidc() {
        return oidc;
    }

    /** The policy in force now. */
    public Rbac rbac() {
        return rbac.get();
    }
}
