package dev.driftless.cli;

import dev.driftless.client.FakeApiServer;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless cluster ...} and {@code driftless repo ...}: credentials go to the service and nowhere else. */
class ClusterRepoCommandsTest {

    private static final String TOKEN = "cli-token-Mn27rt";
    private static final String KUBE_TOKEN = "kube-token-Ha83";
    private static final String GIT_PASSWORD = "git-password-Uu51";
    private static final String SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nkey-body-Rr62\n-----END OPENSSH PRIVATE KEY-----";
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: prod, cluster: {server: "https://prod.example:6443"}}]
            users: [{name: admin, user: {token: %s}}]
            contexts: [{name: admin@prod, context: {cluster: prod, user: admin}}, {name: view@prod, context: {cluster: prod, user: admin}}]
            current-context: admin@prod
            """.formatted(KUBE_TOKEN);

    @TempDir
    Path work;

    private FakeApiServer server;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(TOKEN);
        tokenFile = Files.writeString(work.resolve("token"), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.uri().toString(), "--token-file", tokenFile.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.all()).as("no credential shows")
                .doesNotContain(TOKEN, KUBE_TOKEN, GIT_PASSWORD, "key-body-Rr62");
        return run;
    }

    @Test
    void clusterListMarksTheSandbox() {
        server.answer("GET", "/api/clusters", 200, """
                [{"name": "sandbox", "server": "https://127.0.0.1:38443", "sandbox": true, "origin": "sandbox"},
                 {"name": "prod", "server": "https://prod.example:6443", "labels": {"region": "eu", "env": "prod"}, "origin": "api"}]""");

        CliRun list = run("cluster", "list");

        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines()).containsExactly(
                "NAME                SERVER                      LABELS               ORIGIN",
                "sandbox (SANDBOX)   https://127.0.0.1:38443     -                    sandbox",
                "prod                https://prod.example:6443   env=prod,region=eu   api");
    }

    @Test
    void clusterAddSendsTheKubeconfigsContentContextAndLabels() throws Exception {
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), KUBECONFIG);
        server.answer("POST", "/api/clusters", 201, null);

        CliRun add = run("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString(), "--context", "view@prod",
                "--label", "env=prod", "--label", "region=eu");

        assertThat(add.exitCode()).as(add.all()).isZero();
        assertThat(add.out()).isEqualTo("cluster prod added\n");
        var body = Documents.JSON.readTree(server.onlyRequest().body());
        assertThat(body.path("name").asText()).isEqualTo("prod");
        assertThat(body.path("kubeconfig").asText()).isEqualTo(KUBECONFIG.strip());
        assertThat(body.path("context").asText()).isEqualTo("view@prod");
        assertThat(body.path("labels")).isEqualTo(Documents.JSON.readTree("{\"env\": \"prod\", \"region\": \"eu\"}"));
    }

    @Test
    void aKubeconfigWithoutTheContextOrNotAKubeconfigIsRefusedBeforeSending() throws Exception {
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), KUBECONFIG);
        Path notKubeconfig = Files.writeString(work.resolve("notes.yaml"), "token: " + KUBE_TOKEN + "\n");
        Path broken = Files.writeString(work.resolve("broken"), "users: [{token: " + KUBE_TOKEN + "\n");

        CliRun wrongContext = run("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString(), "--context", "edit@prod");
        CliRun wrongFile = run("cluster", "add", "prod", "--kubeconfig", notKubeconfig.toString());
        CliRun brokenFile = run("cluster", "add", "prod", "--kubeconfig", broken.toString());
        CliRun badLabel = run("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString(), "--label", "env");

        assertThat(wrongContext.exitCode()).isEqualTo(2);
        assertThat(wrongContext.err()).contains("--kubeconfig " + kubeconfig + ": it has no context edit@prod");
        assertThat(wrongFile.err()).contains(notKubeconfig + ": not a kubeconfig");
        assertThat(brokenFile.err()).contains(broken + ": not YAML");
        assertThat(badLabel.err()).contains("--label env: expected KEY=VALUE");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void clusterRemoveDeletesByName() {
        server.answer("DELETE", "/api/clusters/prod", 204, null);

        CliRun remove = run("cluster", "remove", "prod");

        assertThat(remove.exitCode()).as(remove.all()).isZero();
        assertThat(remove.out()).isEqualTo("cluster prod removed\n");
        assertThat(server.onlyRequest().method()).isEqualTo("DELETE");
    }

    @Test
    void repoListShowsTheKindOfCredentialOnly() {
        server.answer("GET", "/api/repositories", 200, """
                [{"urlPrefix": "https://git.example/team/", "type": "basic", "username": "bot", "origin": "api"},
                 {"urlPrefix": "git@git.example:", "type": "ssh", "origin": "config"}]""");

        CliRun list = run("repo", "list");

        assertThat(list.out().lines()).containsExactly(
                "URL PREFIX                  TYPE    USERNAME   ORIGIN",
                "https://git.example/team/   basic   bot        api",
                "git@git.example:            ssh     -          config");
    }

    @Test
    void repoAddWithAPasswordFileSendsUsernameAndPassword() throws Exception {
        Path password = Files.writeString(work.resolve("password"), GIT_PASSWORD + "\n");
        server.answer("POST", "/api/repositories", 201, null);

        CliRun add = run("repo", "add", "https://git.example/team/", "--username", "bot", "--password-file", password.toString());

        assertThat(add.exitCode()).as(add.all()).isZero();
        assertThat(add.out()).isEqualTo("credentials for https://git.example/team/ added\n");
        assertThat(Documents.JSON.readTree(server.onlyRequest().body())).isEqualTo(Documents.JSON.readTree(
                "{\"urlPrefix\": \"https://git.example/team/\", \"username\": \"bot\", \"password\": \"" + GIT_PASSWORD + "\"}"));
    }

    @Test
    void repoAddWithATokenOrAnSshKeySendsThatAlone() throws Exception {
        Path gitToken = Files.writeString(work.resolve("git-token"), GIT_PASSWORD);
        Path key = Files.writeString(work.resolve("id_ed25519"), SSH_KEY + "\n");
        Path knownHosts = Files.writeString(work.resolve("known_hosts"), "git.example ssh-ed25519 AAAA\n");
        server.answer("POST", "/api/repositories", 201, null);

        assertThat(run("repo", "add", "https://git.example/", "--git-token-file", gitToken.toString()).exitCode()).isZero();
        assertThat(run("repo", "add", "git@git.example:", "--ssh-key", key.toString(), "--known-hosts", knownHosts.toString())
                .exitCode()).isZero();

        List<FakeApiServer.Request> requests = server.requests();
        assertThat(Documents.JSON.readTree(requests.get(0).body())).isEqualTo(Documents.JSON.readTree(
                "{\"urlPrefix\": \"https://git.example/\", \"token\": \"" + GIT_PASSWORD + "\"}"));
        var ssh = Documents.JSON.readTree(requests.get(1).body());
        assertThat(ssh.path("sshPrivateKey").asText()).isEqualTo(SSH_KEY + "\n");
        assertThat(ssh.path("knownHosts").asText()).isEqualTo("git.example ssh-ed25519 AAAA");
        assertThat(ssh.has("password")).isFalse();
    }

    @Test
    void repoAddRefusesIncompleteOrConflictingCredentials() throws Exception {
        Path password = Files.writeString(work.resolve("password"), GIT_PASSWORD);
        Path key = Files.writeString(work.resolve("key"), SSH_KEY);

        CliRun noUser = run("repo", "add", "https://git.example/", "--password-file", password.toString());
        CliRun both = run("repo", "add", "https://git.example/", "--password-file", password.toString(), "--ssh-key", key.toString());
        CliRun missingFile = run("repo", "add", "https://git.example/", "--git-token-file", work.resolve("absent").toString());

        assertThat(noUser.exitCode()).isEqualTo(2);
        assertThat(noUser.err()).contains("--password-file needs --username");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--password-file", "--ssh-key", "mutually exclusive");
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("--git-token-file " + work.resolve("absent") + ": no such file");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void repoRemoveEncodesThePrefixAsOnePathSegment() {
        server.answer("DELETE", "/api/repositories/https%3A%2F%2Fgit.example%2Fteam%2F", 204, null);

        CliRun remove = run("repo", "remove", "https://git.example/team/");

        assertThat(remove.exitCode()).as(remove.all()).isZero();
        assertThat(remove.out()).isEqualTo("credentials for https://git.example/team/ removed\n");
    }
}
