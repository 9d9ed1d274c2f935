package dev.driftless.engine.testing;

import java.nio.file.Path;

/**
 * An SSH server of {@link GitServers} for one repository.
 *
 * @param url        the {@code ssh://} URL of the repository
 * @param privateKey the client's private key file (unencrypted PKCS#8 PEM), the only key the server accepts
 * @param knownHosts a known_hosts file that lists the server's host key
 */
public record GitSshEndpoint(String url, Path privateKey, Path knownHosts) {
}
