package dev.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless login}, {@code user} and {@code account}: passwords on standard input, tokens in files. */
class AccountCommandsTest {

    @TempDir
    static Path dir;

    private static DriftlessServer server;
    private static String url;
    private static String adminPassword;

    @BeforeAll
    static void start() {
        server = DriftlessServer.start(ServeSettings.defaults(dir.resolve("data")).withHost("127.0.0.1").withPort(0)
                .withSandbox(false));
        url = server.url().toString();
        adminPassword = server.initialAdminPassword().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CliRun withStdin(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(original);
        }
    }

    private String login(String user, String password, Path tokenFile) {
        CliRun login = withStdin(password + "\n", "login", "--server", url, "--username", user, "--password-stdin",
                "--token-file", tokenFile.toString());
        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(login.all()).doesNotContain(password);
        return tokenFile.toString();
    }

    @Test
    void loginKeepsTheTokenOwnerOnlyAndTheOtherCommandsUseIt() throws Exception {
        Path tokenFile = dir.resolve("home/.driftless/token");
        String token = login("admin", adminPassword, tokenFile);

        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String stored = Files.readString(tokenFile).strip();
        assertThat(stored).hasSizeGreaterThanOrEqualTo(43);
        CliRun users = CliRun.of("user", "list", "--server", url, "--token-file", token);
        assertThat(users.exitCode()).as(users.all()).isZero();
        assertThat(users.out()).contains("admin");
        assertThat(users.all()).doesNotContain(stored);
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
        CliRun login = withStdin("not-the-password-81\n", "login", "--server", url, "--username", "admin",
                "--password-stdin", "--token-file", dir.resolve("wrong").toString());

        assertThat(login.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(login.err()).contains("wrong user name or password");
        assertThat(login.all()).doesNotContain("not-the-password-81");
        assertThat(dir.resolve("wrong")).doesNotExist();
    }

    @Test
    void anAdminCreatesAUserWhoSignsInChangesItsPasswordAndManagesItsTokens() throws Exception {
        String admin = login("admin", adminPassword, dir.resolve("admin-token"));
        CliRun create = withStdin("erin-password-1\n", "user", "create", "erin", "--password-stdin",
                "--server", url, "--token-file", admin);
        assertThat(create.exitCode()).as(create.all()).isZero();

        String erin = login("erin", "erin-password-1", dir.resolve("erin-token"));
        CliRun change = withStdin("erin-password-1\nerin-password-2\n", "account", "update-password",
                "--password-stdin", "--server", url, "--token-file", erin);
        assertThat(change.exitCode()).as(change.all()).isZero();
        assertThat(change.all()).doesNotContain("erin-password");
        login("erin", "erin-password-2", dir.resolve("erin-token-2"));

        CliRun created = CliRun.of("account", "token", "create", "--expires-in", "1h", "--description", "laptop",
                "--server", url, "--token-file", erin);
        assertThat(created.exitCode()).as(created.all()).isZero();
        String apiToken = created.out().strip();
        String id = created.err().replaceAll("(?s).*token (\\S+) acts as erin.*", "$1");
        CliRun list = CliRun.of("account", "token", "list", "--server", url, "--token-file", erin);
        assertThat(list.out()).contains(id).contains("laptop").doesNotContain(apiToken);
        CliRun revoke = CliRun.of("account", "token", "revoke", id, "--server", url, "--token-file", erin);
        assertThat(revoke.exitCode()).as(revoke.all()).isZero();

        CliRun delete = CliRun.of("user", "delete", "erin", "--server", url, "--token-file", admin);
        assertThat(delete.exitCode()).as(delete.all()).isZero();
        CliRun afterwards = CliRun.of("account", "token", "list", "--server", url, "--token-file", erin);
        assertThat(afterwards.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(afterwards.err()).contains("HTTP 401");
    }
}
