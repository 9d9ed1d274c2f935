package dev.driftless.engine.source;

import java.nio.file.Path;

/**
 * How to authenticate to a Git repository. {@code toString()} of every variant hides the secret part,
 * so credentials can never be printed by accident.
 */
public sealed interface GitCredentials {

    /** Anonymous access, or a local path. */
    record None() implements GitCredentials {
    }

    /** HTTPS basic authentication. */
    record Basic(String username, String password) implements GitCredentials {
        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /** HTTPS bearer-style token, sent as the password with a fixed user name as GitHub, GitLab and Gitea accept. */
    record Token(String token) implements GitCredentials {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /**
     * SSH with a private key.
     *
     * @param privateKey         the private key file
     * @param passphrase         the key's passphrase, or {@code null}
     * @param knownHosts         the known_hosts file to check the server key against; {@code null} for {@code ~/.ssh/known_hosts}
     * @param insecureSkipHostKeyCheck accept any host key; off by default and only set on explicit request
     */
    record SshKey(Path privateKey, String passphrase, Path knownHosts, boolean insecureSkipHostKeyCheck)
            implements GitCredentials {
        @Override
        public String toString() {
            return "SshKey[privateKey=" + privateKey + ", knownHosts=" + knownHosts
                    + ", insecureSkipHostKeyCheck=" + insecureSkipHostKeyCheck + "]";
        }
    }
}
