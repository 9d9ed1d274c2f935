package dev.driftless.client;

/**
 * An API token as the service describes it.
 *
 * @param subject   the RBAC subject it acts as: {@code proj:<project>:<role>} or its creator's
 * @param expiresAt ISO-8601, or null when it does not expire
 * @param token     the token itself, only in the answer that created it; never shown by {@link #toString()}
 */
public record ApiToken(String id, String subject, String project, String role, String description, String createdBy,
                       String createdAt, String expiresAt, boolean revoked, String token) {

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", subject=" + subject + ", expiresAt=" + expiresAt + ", revoked=" + revoked + "]";
    }
}
