package dev.driftless.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed-in session, found by the SHA-256 hash of its token.
 *
 * @param actor   who the session acts as, {@code user:<name>} or {@code sso:<email>}
 * @param subject the RBAC subject, e.g. {@code alice}
 * @param groups  the groups the identity provider named, matched by {@code g} policy lines
 */
public record StoredSession(String tokenHash, String actor, String subject, List<String> groups, Instant expiresAt) {

    public StoredSession {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        groups = List.copyOf(groups);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "StoredSession[actor=" + actor + ", expiresAt=" + expiresAt + "]";
    }
}
