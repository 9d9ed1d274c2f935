package dev.driftless.store;

import java.util.Objects;

/**
 * Credentials for every repository whose URL starts with {@code urlPrefix}. The secret is encrypted in the
 * database and {@code toString()} never shows it.
 *
 * @param username for {@link CredentialType#BASIC}; {@code null} otherwise
 * @param secret   the password, the token or the SSH private key (PEM); {@code null} for {@link CredentialType#NONE}
 */
public record StoredRepository(String urlPrefix, CredentialType type, String username, String secret) {

    /** How the repository authenticates. */
    public enum CredentialType { NONE, BASIC, TOKEN, SSH_KEY }

    public StoredRepository {
        urlPrefix = StoredNames.require(urlPrefix, "repository URL prefix", 2048);
        Objects.requireNonNull(type, "type");
        boolean hasSecret = secret != null && !secret.isEmpty();
        if (type == CredentialType.NONE && (hasSecret || username != null)) {
            throw new IllegalArgumentException("repository " + urlPrefix + ": credential type NONE takes no username or secret");
        }
        if (type != CredentialType.NONE && !hasSecret) {
            throw new IllegalArgumentException("repository " + urlPrefix + ": credential type " + type
                    + " needs a " + (type == CredentialType.SSH_KEY ? "private key" : type == CredentialType.TOKEN ? "token" : "password"));
        }
        if (type == CredentialType.BASIC && (username == null || username.isBlank())) {
            throw new IllegalArgumentException("repository " + urlPrefix + ": credential type BASIC needs a username");
        }
    }

    @Override
    public String toString() {
        return "StoredRepository[urlPrefix=" + urlPrefix + ", type=" + type + ", username=" + username
                + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
