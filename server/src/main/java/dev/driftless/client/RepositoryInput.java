package dev.driftless.client;

import java.util.Objects;

/**
 * Credentials to store for a URL prefix; at most one of password, token and SSH key. {@link #toString()} leaves
 * the secrets out.
 */
public record RepositoryInput(String urlPrefix, String username, String password, String token, String sshPrivateKey,
                              String knownHosts) {

    public RepositoryInput {
        Objects.requireNonNull(urlPrefix, "urlPrefix");
        int secrets = (password != null ? 1 : 0) + (token != null ? 1 : 0) + (sshPrivateKey != null ? 1 : 0);
        if (secrets > 1) {
            throw new IllegalArgumentException("give at most one of a password, a token and an SSH key");
        }
    }

    public static RepositoryInput anonymous(String urlPrefix) {
        return new RepositoryInput(urlPrefix, null, null, null, null, null);
    }

    public static RepositoryInput basic(String urlPrefix, String username, String password) {
        return new RepositoryInput(urlPrefix, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"), null, null, null);
    }

    public static RepositoryInput token(String urlPrefix, String username, String token) {
        return new RepositoryInput(urlPrefix, username, null, Objects.requireNonNull(token, "token"), null, null);
    }

    public static RepositoryInput ssh(String urlPrefix, String sshPrivateKey, String knownHosts) {
        return new RepositoryInput(urlPrefix, null, null, null, Objects.requireNonNull(sshPrivateKey, "sshPrivateKey"),
                knownHosts);
    }

    @Override
    public String toString() {
        return "RepositoryInput[urlPrefix=" + urlPrefix + ", username=" + username
                + ", password=" + redacted(password) + ", token=" + redacted(token)
                + ", sshPrivateKey=" + redacted(sshPrivateKey) + "]";
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "<redacted>";
    }
}
