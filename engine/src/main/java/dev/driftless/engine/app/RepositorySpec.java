package dev.driftless.engine.app;

import dev.driftless.engine.source.GitCredentials;

import java.util.Objects;

/**
 * Credentials for every repository whose URL starts with {@code urlPrefix} ({@code kind: Repository}); the
 * longest matching prefix wins. {@code toString()} never shows the secret (see {@link GitCredentials}).
 */
public record RepositorySpec(String urlPrefix, GitCredentials credentials) {

    public RepositorySpec {
        Objects.requireNonNull(urlPrefix, "urlPrefix");
        credentials = credentials == null ? new GitCredentials.None() : credentials;
    }
}
