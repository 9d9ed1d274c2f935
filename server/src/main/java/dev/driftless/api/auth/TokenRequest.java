package dev.driftless.api.auth;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What {@code POST /api/tokens} asks for.
 *
 * @param project   the project whose role the token acts as; null for a token acting as its creator
 * @param role      the project role; required with {@code project}, refused without
 * @param expiresIn how long it lasts; null for a token that does not expire
 */
public record TokenRequest(String project, String role, Duration expiresIn, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9._]{0,251}[a-z0-9])?");

    public TokenRequest {
        if (project != null && !NAME.matcher(project).matches()) {
            throw new IllegalArgumentException("project: '" + project + "' is not a project name");
        }
        if (project != null && (role == null || !NAME.matcher(role).matches())) {
            throw new IllegalArgumentException("role: a project token needs the name of one of the project's roles");
        }
        if (project == null && role != null) {
            throw new IllegalArgumentException("role: only a project token has a role; give project too");
        }
        if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
            throw new IllegalArgumentException("expiresIn: must be positive, got " + expiresIn);
        }
        description = description == null ? "" : description;
    }
}
