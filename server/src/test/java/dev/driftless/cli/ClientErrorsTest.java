package dev.driftless.cli;

import dev.driftless.client.FakeApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How the client commands fail: exit codes 2 and 3, one clear line, never the token. */
class ClientErrorsTest {

    private static final String TOKEN = "cli-token-Ke90pl";

    @TempDir
    Path work;

    @Test
    void aRefusedConnectionExitsThreeNamingTheServer() throws Exception {
        URI closed = FakeApiServer.closedPort();
        Path tokenFile = Files.writeString(work.resolve("token"), TOKEN);

        CliRun list = CliRun.of("app", "list", "--server", closed.toString(), "--token-file", tokenFile.toString());

        assertThat(list.exitCode()).isEqualTo(3);
        assertThat(list.err()).isEqualTo("error: cannot reach the Driftless server at " + closed + ": connection refused\n");
        assertThat(list.all()).doesNotContain(TOKEN);
    }

    @Test
    void aWrongTokenExitsTwoWithAHintAndTheTokenNeverShows() throws Exception {
        Path wrongToken = Files.writeString(work.resolve("token"), "wrong-token-Zz12");
        try (FakeApiServer server = FakeApiServer.start(TOKEN)) {
            CliRun list = CliRun.of("cluster", "list", "--server", server.uri().toString(), "--token-file", wrongToken.toString());

            assertThat(list.exitCode()).isEqualTo(2);
            assertThat(list.err()).isEqualTo(
                    "error: missing or wrong token (HTTP 401); sign in with driftless login, or check --token-file or"
                            + " DRIFTLESS_TOKEN\n");
            assertThat(server.onlyRequest().authorization()).isEqualTo("Bearer wrong-token-Zz12");
            assertThat(list.all()).doesNotContain("wrong-token-Zz12");
        }
    }

    @Test
    void aServerErrorExitsThree() throws Exception {
        Path tokenFile = Files.writeString(work.resolve("token"), TOKEN);
        try (FakeApiServer server = FakeApiServer.start(TOKEN)) {
            server.answer("GET", "/api/repositories", 503, "{\"error\": \"store unavailable\"}");

            CliRun list = CliRun.of("repo", "list", "--server", server.uri().toString(), "--token-file", tokenFile.toString());

            assertThat(list.exitCode()).isEqualTo(3);
            assertThat(list.err()).isEqualTo("error: store unavailable (HTTP 503)\n");
        }
    }

    @Test
    void anUnreadableOrEmptyTokenFileIsBadInputNamingIt() throws Exception {
        Path empty = Files.writeString(work.resolve("empty"), "\n");
        Path absent = work.resolve("absent");

        CliRun emptyRun = CliRun.of("app", "list", "--server", "http://127.0.0.1:1", "--token-file", empty.toString());
        CliRun absentRun = CliRun.of("app", "list", "--server", "http://127.0.0.1:1", "--token-file", absent.toString());

        assertThat(emptyRun.exitCode()).isEqualTo(2);
        assertThat(emptyRun.err()).contains("--token-file " + empty + ": the file is empty");
        assertThat(absentRun.exitCode()).isEqualTo(2);
        assertThat(absentRun.err()).contains("--token-file " + absent + ": no such file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://driftless.example        | expected http://HOST[:PORT]",
            "http://admin:pw-Lk9@example.org | must not carry user information",
            "http://exa mple                 | not a URL"})
    void anUnusableServerUrlIsBadInput(String url, String message) {
        CliRun list = CliRun.of("app", "list", "--server", url);

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains(message).doesNotContain("pw-Lk9");
    }

    @Test
    void theTokenIsNotAnOption() {
        CliRun list = CliRun.of("app", "list", "--token", TOKEN);

        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("Unknown option");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "app list      | --server,--token-file,--name,--project,--cluster,--label,--sync,--health,--limit,--offset,--output",
            "app sync      | --revision,--prune,--dry-run,--resource",
            "app wait      | --sync,--health,--timeout,--interval",
            "app create    | --file",
            "app delete    | --cascade",
            "cluster add   | --kubeconfig,--context,--label",
            "repo add      | --username,--password-file,--git-token-file,--ssh-key,--known-hosts,--token-file"})
    void helpOfEachCommandListsItsOptions(String command, String options) {
        CliRun help = CliRun.of((command + " --help").split(" "));

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: driftless " + command).contains(options.split(","));
    }

    @Test
    void theTopLevelHelpListsTheClientCommands() {
        CliRun help = CliRun.of("--help");

        assertThat(help.out()).containsPattern("(?m)^  app ").containsPattern("(?m)^  cluster ").containsPattern("(?m)^  repo ");
    }

    @Test
    void aGroupWithoutASubcommandIsAUsageError() {
        CliRun app = CliRun.of("app");

        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).contains("Missing required subcommand");
    }
}
