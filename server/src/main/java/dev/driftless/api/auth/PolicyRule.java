package dev.driftless.api.auth;

/** One line of an RBAC policy in Argo CD's format. */
public sealed interface PolicyRule {

    /** {@code p, <subject>, <resource>, <action>, <object>, <allow|deny>}; resource, action and object are globs. */
    record Permission(String subject, String resource, String action, String object, boolean allow)
            implements PolicyRule {
    }

    /** {@code g, <user or group>, <role>}: the member gets the role's permissions. */
    record Grouping(String member, String role) implements PolicyRule {
    }
}
