package dev.driftless.engine.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryUrlPolicyTest {

    /** Names as a hostile DNS server could answer them; anything else does not resolve. */
    private static final Map<String, String> DNS = Map.of(
            "git.example.com", "93.184.216.34",
            "rebound.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "v6.example.com", "fe80::1",
            "mixed.example.com", "93.184.216.34,10.0.0.1,::1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.startsWith("[") || Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return InetAddress.getAllByName(host);
        }
        String addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        String[] each = addresses.split(",");
        InetAddress[] resolved = new InetAddress[each.length];
        for (int i = 0; i < each.length; i++) {
            resolved[i] = InetAddress.getByName(each[i]);
        }
        return resolved;
    }

    private final RepositoryUrlPolicy refusing = new RepositoryUrlPolicy(false, Set.of(),
            RepositoryUrlPolicyTest::resolve);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://git.example.com/team/deploy.git     | public host
            ssh://git@git.example.com/team/deploy.git   | public host over SSH
            git@git.example.com:team/deploy.git         | scp-like
            git://93.184.216.34/deploy.git              | public address
            https://10.0.0.5/deploy.git                 | private network: reachable on purpose by self-hosted Git
            https://unresolvable.example.com/deploy.git | unresolvable: the fetch reports it
            """)
    void remoteRepositoriesAreAllowed(String url, String why) {
        assertThat(refusing.refusal(url)).as(why).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            file:///etc/                              | file:// URLs read the service's own file system
            /var/lib/driftless/sandbox/example.git    | it is a path on the service's own file system
            ../other                                  | it is a path on the service's own file system
            http://127.0.0.1:8080/api                 | host 127.0.0.1 is a loopback address
            https://127.1.2.3/x.git                   | host 127.1.2.3 is a loopback address
            https://[::1]/x.git                       | host [::1] resolves to 0:0:0:0:0:0:0:1, which is a loopback address
            http://169.254.169.254/latest/meta-data   | host 169.254.169.254 is a link-local address (such as a cloud metadata service)
            https://[fe80::1%25eth0]/x.git            | link-local address
            http://0.0.0.0:8080/x.git                 | host 0.0.0.0 is the unspecified address, which reaches the service's own host
            https://[::]/x.git                        | the unspecified address
            https://rebound.example.com/x.git         | host rebound.example.com resolves to 127.0.0.1, which is a loopback address
            git@metadata.example.com:x.git            | host metadata.example.com resolves to 169.254.169.254, which is a link-local address
            ssh://git@v6.example.com/x.git            | host v6.example.com resolves to fe80:0:0:0:0:0:0:1, which is a link-local address
            https://mixed.example.com/x.git           | host mixed.example.com resolves to 0:0:0:0:0:0:0:1, which is a loopback address
            https://[::ffff:127.0.0.1]/x.git          | loopback address
            """)
    void localRepositoriesAreRefusedWithTheReason(String url, String reason) {
        assertThat(refusing.refusal(url)).hasValueSatisfying(refusal -> assertThat(refusal).contains(reason));
    }

    @Test
    void theErrorNamesTheUrlWithoutItsPasswordAndHowToAllowIt() {
        assertThatThrownBy(() -> refusing.check("https://admin:hunter2@127.0.0.1/x.git"))
                .isInstanceOf(SourceException.class)
                .hasMessage("Repository URL https://admin@127.0.0.1/x.git refused: host 127.0.0.1 is a loopback"
                        + " address; an administrator can allow local repositories with driftless serve"
                        + " --allow-local-repositories")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void allowingLocalRepositoriesAllowsEverything() {
        RepositoryUrlPolicy allowing = new RepositoryUrlPolicy(true, Set.of(), RepositoryUrlPolicyTest::resolve);

        for (String url : new String[] {"file:///etc/", "/srv/git/x.git", "http://127.0.0.1/x", "http://[::1]/x",
                "http://169.254.169.254/"}) {
            assertThat(allowing.refusal(url)).as(url).isEmpty();
            allowing.check(url);
        }
        assertThat(RepositoryUrlPolicy.ALLOW_ALL.refusal("file:///etc/")).isEmpty();
    }

    @Test
    void anExceptionAllowsOneLocalRepositoryInAnySpelling(@TempDir Path dir) {
        Path sandbox = dir.resolve("sandbox/example.git");
        RepositoryUrlPolicy policy = refusing.allowing(sandbox.toUri().toString());

        assertThat(policy.refusal(sandbox.toUri().toString())).isEmpty();
        assertThat(policy.refusal(sandbox.toString())).isEmpty();
        assertThat(policy.refusal(sandbox.resolveSibling("other.git").toUri().toString())).isPresent();
        assertThat(policy.refusal("http://127.0.0.1/x.git")).isPresent();
    }

    @Test
    void theSystemResolverRefusesLocalhost() {
        assertThat(RepositoryUrlPolicy.refusingLocal().refusal("http://localhost:9418/x.git"))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("host localhost resolves to ")
                        .endsWith("which is a loopback address"));
    }

    @Test
    void aUrlWithoutAHostIsAnError() {
        assertThatThrownBy(() -> refusing.check("https:///x.git"))
                .isInstanceOf(SourceException.class).hasMessageContaining("has no host");
    }

    @Test
    void theGitAdapterChecksAgainBeforeEachNetworkOperation(@TempDir Path cache) {
        GitSource git = new GitSource(cache).withUrlPolicy(refusing);
        RepoSpec rebound = RepoSpec.anonymous("https://rebound.example.com/x.git");

        assertThatThrownBy(() -> git.fetch(rebound, "main"))
                .isInstanceOf(SourceException.class).hasMessageContaining("resolves to 127.0.0.1");
        assertThatThrownBy(() -> git.lsRemote(rebound))
                .isInstanceOf(SourceException.class).hasMessageContaining("resolves to 127.0.0.1");
        assertThatThrownBy(() -> git.withTimeout(Duration.ofSeconds(5)).lsRemote(RepoSpec.anonymous(
                cache.toUri().toString()))).isInstanceOf(SourceException.class).hasMessageContaining("file://");
        assertThat(git.urlPolicy()).isSameAs(refusing);
    }
}
