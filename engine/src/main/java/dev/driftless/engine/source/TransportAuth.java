package dev.driftless.engine.source;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Applies {@link GitCredentials} to one JGit transport command. An SSH transport gets its own session factory, with
 * strict host key checking, which {@link #close()} releases after the command.
 */
final class TransportAuth implements AutoCloseable {

    /** GitHub, GitLab and Gitea accept a token as the password of any user name; GitHub documents this one. */
    static final String TOKEN_USER = "x-access-token";

    private final GitCredentials credentials;
    private final Path sshConfig;
    private SshdSessionFactory sshSessionFactory;

    /**
     * @param sshConfig an OpenSSH client config that requires a known host key; the user's own {@code ~/.ssh/config}
     *                  is never read, so it cannot switch host key checking off
     */
    TransportAuth(GitCredentials credentials, Path sshConfig) {
        this.credentials = credentials;
        this.sshConfig = sshConfig;
    }

    <C extends TransportCommand<C, ?>> C apply(C command) {
        command.setCredentialsProvider(switch (credentials) {
            case GitCredentials.Basic basic -> new UsernamePasswordCredentialsProvider(basic.username(), basic.password());
            case GitCredentials.Token token -> new UsernamePasswordCredentialsProvider(TOKEN_USER, token.token());
            case GitCredentials.None none -> null;
            case GitCredentials.SshKey key -> null;
        });
        command.setTransportConfigCallback(transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(sshSessionFactory());
            }
        });
        return command;
    }

    private synchronized SshdSessionFactory sshSessionFactory() {
        if (sshSessionFactory == null) {
            sshSessionFactory = sshFactory(sshConfig,
                    credentials instanceof GitCredentials.SshKey key ? key : null);
        }
        return sshSessionFactory;
    }

    private static SshdSessionFactory sshFactory(Path sshConfig, GitCredentials.SshKey key) {
        File home = new File(System.getProperty("user.home"));
        File sshDir = new File(home, ".ssh");
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(sshDir)
                .setConfigFile(ignored -> sshConfig.toFile());
        if (key != null) {
            builder.setDefaultIdentities(ignored -> List.of(key.privateKey()))
                    .setKeyPasswordProvider(ignored -> new Passphrase(key.passphrase()));
            if (key.knownHosts() != null) {
                builder.setDefaultKnownHostsFiles(ignored -> List.of(key.knownHosts()));
            }
            if (key.insecureSkipHostKeyCheck()) {
                builder.setServerKeyDatabase((ignoredHome, ignoredSshDir) -> new AcceptAnyHostKey());
            }
        }
        return builder.build(null);
    }

    @Override
    public synchronized void close() {
        if (sshSessionFactory != null) {
            sshSessionFactory.close();
        }
    }

    private static final class Passphrase implements KeyPasswordProvider {

        private final String passphrase;
        private int attempts = 1;

        Passphrase(String passphrase) {
            this.passphrase = passphrase;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) {
            return passphrase == null ? null : passphrase.toCharArray();
        }

        @Override
        public void setAttempts(int maxNumberOfAttempts) {
            attempts = maxNumberOfAttempts;
        }

        @Override
        public int getAttempts() {
            return attempts;
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false;
        }
    }

    /** Only for {@link GitCredentials.SshKey#insecureSkipHostKeyCheck()}, which the user must ask for. */
    private static final class AcceptAnyHostKey implements ServerKeyDatabase {

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
                Configuration config) {
            return List.of();
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                Configuration config, CredentialsProvider provider) {
            return true;
        }
    }
}
