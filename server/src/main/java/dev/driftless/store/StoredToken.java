package dev.driftless.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An API token, found by the SHA-256 hash of its value; the value itself is never stored.
 *
 * @param subject   the RBAC subject it acts with: {@code proj:<project>:<role>}, or its creator's subject
 * @param groups    the creator's groups, for a token without project
 * @param project   the project of a project-role token, else null
 * @param role      the role of a project-role token, else null
 * @param createdBy the actor who created it
 * @param expiresAt null for a token that does not expire
 * @param revokedAt null until revoked
 */
public record StoredToken(String id, String tokenHash, String subject, List<String> groups, String project,
                          String role, String description, String createdBy, Instant createdAt, Instant expiresAt,
                          Instant revokedAt) {

    public StoredToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(subject, "subject");
        groups = List.copyOf(groups);
        description = description == null ? "" : description;
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /** Whether it may still be used at {@code now}: not revoked and not expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
        return "StoredToken[id=" + id + ", subject=" + subject + ", expiresAt=" + expiresAt + ", revokedAt="
                + revokedAt + "]";
    }
}
