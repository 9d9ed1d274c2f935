package dev.driftless.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;

/**
 * Real Git servers on loopback for tests: {@code git daemon}, {@code git http-backend} behind lighttpd (anonymous
 * under {@code /git/}, basic authentication under {@code /private/}) and an in-process SSH server per repository.
 * Each server starts when first asked for a URL and listens on a free port; {@link #close()} stops them all, and a
 * JVM shutdown hook stops whatever a crashed test left running.
 *
 * <pre>{@code
 * try (GitServers servers = new GitServers(tempDir)) {
 *     GitTestRepo repo = servers.createRepo("app");
 *     String sha = repo.commit("first").write("a.yaml", "a: 1").create();
 *     String url = servers.httpUrl(repo);
 * }
 * }</pre>
 */
public final class GitServers implements AutoCloseable {

    public static final String HTTP_USER = "driftless-test";
    public static final String SSH_USER = "git";
    /** The user name under which hosting services accept a token as the password. */
    public static final String TOKEN_USER = "x-access-token";

    private static final Path GIT = Path.of("/usr/bin/git");
    private static final Path LIGHTTPD = Path.of("/usr/sbin/lighttpd");
    private static final Path HTTP_BACKEND = Path.of("/usr/lib/git-core/git-http-backend");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(GitServers::kill)));
    }

    private final Path workDir;
    private final Path reposDir;
    private final String httpPassword = "pw-" + UUID.randomUUID();
    private final String httpToken = "tok-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();
    private final List<SshServerForRepo> sshServers = new ArrayList<>();
    private final Map<String, GitSshEndpoint> sshEndpoints = new HashMap<>();
    private int daemonPort;
    private int httpPort;

    /** @param workDir an empty directory for the repositories, server configs and logs */
    public GitServers(Path workDir) {
        this.workDir = workDir.toAbsolutePath();
        this.reposDir = this.workDir.resolve("repos");
        try {
            Files.createDirectories(reposDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty bare repository {@code name.git} that every server serves. */
    public GitTestRepo createRepo(String name) {
        return GitTestRepo.create(name, reposDir.resolve(name + ".git"));
    }

    /** The password of {@link #HTTP_USER} on {@link #privateHttpUrl}; distinctive, so tests can look for leaks. */
    public String httpPassword() {
        return httpPassword;
    }

    /** A token accepted on {@link #privateHttpUrl} as the password of {@link #TOKEN_USER}. */
    public String httpToken() {
        return httpToken;
    }

    public synchronized String daemonUrl(GitTestRepo repo) {
        if (daemonPort == 0) {
            daemonPort = startGitDaemon();
        }
        return "git://127.0.0.1:" + daemonPort + "/" + repo.name() + ".git";
    }

    /** Anonymous smart HTTP. */
    public synchronized String httpUrl(GitTestRepo repo) {
        return "http://127.0.0.1:" + httpPort() + "/git/" + repo.name() + ".git";
    }

    /** Smart HTTP that requires basic authentication: {@link #HTTP_USER} with {@link #httpPassword()}, or {@link #TOKEN_USER} with {@link #httpToken()}. */
    public synchronized String privateHttpUrl(GitTestRepo repo) {
        return "http://127.0.0.1:" + httpPort() + "/private/" + repo.name() + ".git";
    }

    /** An SSH server that serves only this repository to {@link #SSH_USER} with the endpoint's key. */
    public synchronized GitSshEndpoint ssh(GitTestRepo repo) {
        return sshEndpoints.computeIfAbsent(repo.name(), ignored -> startSsh(repo));
    }

    private int httpPort() {
        if (httpPort == 0) {
            httpPort = startLighttpd();
        }
        return httpPort;
    }

    private int startGitDaemon() {
        requireInstalled(GIT, "git");
        int port = freePort();
        Process process = start("git-daemon", List.of(GIT.toString(), "daemon", "--export-all", "--reuseaddr",
                "--informative-errors", "--base-path=" + reposDir, "--listen=127.0.0.1", "--port=" + port,
                reposDir.toString()));
        awaitListening("git daemon", process, port, workDir.resolve("git-daemon.log"));
        return port;
    }

    private int startLighttpd() {
        requireInstalled(LIGHTTPD, "lighttpd");
        requireInstalled(HTTP_BACKEND, "git");
        int port = freePort();
        Path dir = workDir.resolve("lighttpd");
        Path errorLog = dir.resolve("error.log");
        try {
            Files.createDirectories(dir.resolve("www"));
            Files.writeString(dir.resolve("users"), HTTP_USER + ":" + httpPassword + "\n"
                    + TOKEN_USER + ":" + httpToken + "\n");
            Files.writeString(dir.resolve("lighttpd.conf"), """
                    server.modules = ("mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi")
                    server.document-root = "%1$s/www"
                    server.bind = "127.0.0.1"
                    server.port = %2$d
                    server.errorlog = "%3$s"
                    # JGit sends pack negotiation as a chunked, streamed request body.
                    server.stream-request-body = 2
                    server.stream-response-body = 2
                    server.feature-flags = ("auth.delay-invalid-creds" => "disable")
                    auth.backend = "plain"
                    auth.backend.plain.userfile = "%1$s/users"
                    alias.url = ("/git/" => "%4$s/", "/private/" => "%4$s/")
                    cgi.assign = ("" => "")
                    setenv.add-environment = ("GIT_PROJECT_ROOT" => "%5$s", "GIT_HTTP_EXPORT_ALL" => "1")
                    $HTTP["url"] =~ "^/private/" {
                      auth.require = ("" => ("method" => "basic", "realm" => "git", "require" => "valid-user"))
                    }
                    """.formatted(dir, port, errorLog, HTTP_BACKEND, reposDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = start("lighttpd", List.of(LIGHTTPD.toString(), "-D", "-f",
                dir.resolve("lighttpd.conf").toString()));
        awaitListening("lighttpd", process, port, errorLog);
        return port;
    }

    private GitSshEndpoint startSsh(GitTestRepo repo) {
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair hostKey = ec.generateKeyPair();
            // The client key is written as PKCS#8, and Apache MINA reads only RSA keys from that format.
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair clientKey = rsa.generateKeyPair();
            Repository repository = repo.open();
            SshTestGitServer server = new SshTestGitServer(SSH_USER, clientKey.getPublic(), repository, hostKey);
            sshServers.add(new SshServerForRepo(server, repository));
            int port = server.start();
            Path dir = Files.createDirectories(workDir.resolve("ssh-" + repo.name()));
            Path privateKey = dir.resolve("id_rsa");
            // SSH clients ignore private keys that others can read.
            Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(clientKey.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path knownHosts = dir.resolve("known_hosts");
            StringBuilder line = new StringBuilder("[127.0.0.1]:" + port + " ");
            PublicKeyEntry.appendPublicKeyEntry(line, hostKey.getPublic());
            Files.writeString(knownHosts, line + "\n");
            return new GitSshEndpoint("ssh://" + SSH_USER + "@127.0.0.1:" + port + "/" + repo.name() + ".git",
                    privateKey, knownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate SSH keys for the test server", e);
        }
    }

    private Process start(String name, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(name + ".log").toFile())
                    .start();
            processes.add(process);
            RUNNING.add(process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static void awaitListening(String name, Process process, int port, Path log) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before listening on "
                        + port + "; log " + log + ":\n" + readQuietly(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + STARTUP_TIMEOUT
                + "; log " + log + ":\n" + readQuietly(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a test Git server", e);
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireInstalled(Path executable, String debianPackage) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing; the Git server tests need the Debian package '"
                    + debianPackage + "' (apt-get install " + debianPackage + ")");
        }
    }

    /** git daemon forks a child per connection; stop those too. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    @Override
    public synchronized void close() {
        for (Process process : processes) {
            kill(process);
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RUNNING.remove(process);
        }
        processes.clear();
        for (SshServerForRepo ssh : sshServers) {
            ssh.close();
        }
        sshServers.clear();
    }

    private record SshServerForRepo(SshTestGitServer server, Repository repository) {
        void close() {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                repository.close();
            }
        }
    }
}
