package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitSshEndpoint;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter over real servers on loopback: git daemon, smart HTTP behind lighttpd, and SSH. */
class GitSourceTransportTest {

    @TempDir
    static Path serverDir;

    private static GitServers servers;
    private static GitTestRepo origin;
    private static GitTestRepo other;
    private static String firstSha;

    @TempDir
    Path cacheDir;

    private GitSource source;

    @BeforeAll
    static void startServers() {
        servers = new GitServers(serverDir);
        origin = servers.createRepo("app");
        firstSha = origin.commit("first").write("app.yaml", "replicas: 1").create();
        other = servers.createRepo("other");
        other.commit("other").write("x", "y").create();
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @BeforeEach
    void setUp() {
        source = new GitSource(cacheDir);
    }

    @Test
    void gitDaemonFetchAndIncrementalFetch() {
        GitTestRepo repo = servers.createRepo("daemon-incremental");
        String first = repo.commit("first").write("a", "1").create();
        RepoSpec spec = RepoSpec.anonymous(servers.daemonUrl(repo));
        assertThat(source.fetch(spec, "main").sha()).isEqualTo(first);

        String second = repo.commit("second").write("a", "2").create();

        assertThat(source.lsRemote(spec)).containsEntry("refs/heads/main", second);
        assertThat(source.resolve(spec, "main").sha()).isEqualTo(first);
        assertThat(source.fetch(spec, "main").sha()).isEqualTo(second);
        assertThat(source.changedPaths(spec, first, second)).containsExactly("a");
    }

    @Test
    void gitDaemonServesACommitThatOnlyAPullRequestRefReaches() {
        GitTestRepo repo = servers.createRepo("daemon-pull-request");
        repo.commit("first").write("a", "1").create();
        String proposal = repo.commit("proposal").onBranch("proposal").write("a", "2").create();
        repo.ref("refs/pull/7/head", proposal);
        repo.deleteBranch("proposal");
        RepoSpec spec = RepoSpec.anonymous(servers.daemonUrl(repo));

        assertThat(source.lsRemote(spec)).containsEntry("refs/pull/7/head", proposal);
        assertThat(source.fetch(spec, proposal).sha()).isEqualTo(proposal);
    }

    @Test
    void gitDaemonUnknownRepository() {
        String url = servers.daemonUrl(origin).replace("app.git", "missing.git");

        assertThatThrownBy(() -> source.fetch(RepoSpec.anonymous(url), "main"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("'main'")
                .hasMessageContaining("repository not found");
    }

    @Test
    void anonymousHttpFetchAndCheckout() {
        RepoSpec spec = RepoSpec.anonymous(servers.httpUrl(origin));

        assertThat(source.lsRemote(spec)).containsEntry("HEAD", firstSha);
        assertThat(source.fetch(spec, "HEAD").sha()).isEqualTo(firstSha);
        Path target = source.checkout(spec, firstSha, cacheDir.resolve("work"));
        assertThat(target.resolve("app.yaml")).hasContent("replicas: 1");
    }

    @Test
    void httpUnknownRepository() {
        String url = servers.httpUrl(origin).replace("app.git", "missing.git");

        assertThatThrownBy(() -> source.lsRemote(RepoSpec.anonymous(url)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("repository not found");
    }

    @Test
    void httpBasicAuthWithTheRightPassword() {
        RepoSpec spec = new RepoSpec(servers.privateHttpUrl(origin),
                new GitCredentials.Basic(GitServers.HTTP_USER, servers.httpPassword()));

        assertThat(source.fetch(spec, "main").sha()).isEqualTo(firstSha);
        assertThat(source.lsRemote(spec)).containsEntry("refs/heads/main", firstSha);
    }

    @Test
    void httpPasswordInTheUrl() {
        String url = servers.privateHttpUrl(origin)
                .replace("http://", "http://" + GitServers.HTTP_USER + ":" + servers.httpPassword() + "@");

        assertThat(source.fetch(new RepoSpec(url, null), "main").sha()).isEqualTo(firstSha);
    }

    @Test
    void httpToken() {
        RepoSpec spec = new RepoSpec(servers.privateHttpUrl(origin), new GitCredentials.Token(servers.httpToken()));

        assertThat(source.fetch(spec, "main").sha()).isEqualTo(firstSha);
    }

    @Test
    void httpWrongPasswordFailsWithoutRevealingIt() {
        String wrongPassword = "Wr0ng-" + servers.httpPassword();
        RepoSpec spec = new RepoSpec(servers.privateHttpUrl(origin),
                new GitCredentials.Basic(GitServers.HTTP_USER, wrongPassword));

        SourceException fetchError = catchSourceException(() -> source.fetch(spec, "main"));
        SourceException lsRemoteError = catchSourceException(() -> source.lsRemote(spec));

        for (SourceException error : new SourceException[] {fetchError, lsRemoteError}) {
            assertThat(error.getMessage())
                    .contains(servers.privateHttpUrl(origin))
                    .contains("authentication failed");
            assertThat(everythingPrintedAbout(error)).doesNotContain(wrongPassword);
        }
        assertThat(fetchError.getMessage()).contains("'main'");
    }

    @Test
    void httpWrongPasswordInTheUrlIsNotRevealed() {
        String wrongPassword = "Wr0ng-url-" + servers.httpPassword();
        String url = servers.privateHttpUrl(origin).replace("http://", "http://someone:" + wrongPassword + "@");

        SourceException error = catchSourceException(() -> source.fetch(new RepoSpec(url, null), "main"));

        assertThat(error.getMessage()).contains("authentication failed").contains("someone@127.0.0.1");
        assertThat(everythingPrintedAbout(error)).doesNotContain(wrongPassword);
    }

    @Test
    void wrongTokenIsNotRevealed() {
        String wrongToken = "tok-wrong-" + servers.httpToken();
        RepoSpec spec = new RepoSpec(servers.privateHttpUrl(origin), new GitCredentials.Token(wrongToken));

        SourceException error = catchSourceException(() -> source.fetch(spec, "main"));

        assertThat(error.getMessage()).contains("authentication failed");
        assertThat(everythingPrintedAbout(error)).doesNotContain(wrongToken);
    }

    @Test
    void httpWithoutCredentialsOnAPrivateLocation() {
        RepoSpec spec = RepoSpec.anonymous(servers.privateHttpUrl(origin));

        assertThatThrownBy(() -> source.fetch(spec, "main"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(spec.url())
                .hasMessageContaining("authentication failed");
    }

    @Test
    void unreachableHost() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/git/app.git";

        assertThatThrownBy(() -> source.fetch(RepoSpec.anonymous(url), "v1"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("'v1'")
                .hasMessageContaining("host unreachable");
    }

    @Test
    void sshWithKeyAndKnownHosts() {
        GitSshEndpoint ssh = servers.ssh(origin);
        RepoSpec spec = new RepoSpec(ssh.url(),
                new GitCredentials.SshKey(ssh.privateKey(), null, ssh.knownHosts(), false));

        assertThat(source.lsRemote(spec)).containsEntry("refs/heads/main", firstSha);
        assertThat(source.fetch(spec, "main").sha()).isEqualTo(firstSha);
    }

    @Test
    void sshRefusesAnUnknownHostKeyByDefault() throws IOException {
        GitSshEndpoint ssh = servers.ssh(origin);
        Path emptyKnownHosts = Files.writeString(cacheDir.resolve("empty_known_hosts"), "");
        RepoSpec spec = new RepoSpec(ssh.url(),
                new GitCredentials.SshKey(ssh.privateKey(), null, emptyKnownHosts, false));

        assertThatThrownBy(() -> source.fetch(spec, "main"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(ssh.url())
                .hasMessageContaining("'main'")
                .hasMessageContaining("host key is not trusted");
        assertThat(Files.readString(emptyKnownHosts)).as("nothing learnt").isEmpty();
    }

    @Test
    void sshRefusesAHostKeyThatDoesNotMatch() {
        GitSshEndpoint ssh = servers.ssh(origin);
        GitSshEndpoint otherServer = servers.ssh(other);
        RepoSpec spec = new RepoSpec(ssh.url(),
                new GitCredentials.SshKey(ssh.privateKey(), null, otherServer.knownHosts(), false));

        assertThatThrownBy(() -> source.lsRemote(spec))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(ssh.url())
                .hasMessageContaining("host key is not trusted");
    }

    @Test
    void sshSkipsHostKeyCheckingOnlyWhenAsked() throws IOException {
        GitSshEndpoint ssh = servers.ssh(origin);
        Path emptyKnownHosts = Files.writeString(cacheDir.resolve("empty_known_hosts"), "");
        RepoSpec spec = new RepoSpec(ssh.url(),
                new GitCredentials.SshKey(ssh.privateKey(), null, emptyKnownHosts, true));

        assertThat(source.fetch(spec, "main").sha()).isEqualTo(firstSha);
    }

    @Test
    void sshWithAKeyTheServerDoesNotKnow() {
        GitSshEndpoint ssh = servers.ssh(origin);
        GitSshEndpoint otherServer = servers.ssh(other);
        RepoSpec spec = new RepoSpec(ssh.url(),
                new GitCredentials.SshKey(otherServer.privateKey(), null, ssh.knownHosts(), false));

        assertThatThrownBy(() -> source.fetch(spec, "main"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(ssh.url())
                .hasMessageContaining("authentication failed");
    }

    private static SourceException catchSourceException(Runnable action) {
        try {
            action.run();
        } catch (SourceException e) {
            return e;
        }
        throw new AssertionError("expected a SourceException");
    }

    /** The message, toString and stack trace of the exception and all its causes, as a log would print them. */
    private static String everythingPrintedAbout(Throwable error) {
        StringWriter printed = new StringWriter();
        error.printStackTrace(new PrintWriter(printed));
        return printed.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
