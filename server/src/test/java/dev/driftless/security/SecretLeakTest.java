package dev.driftless.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.client.DriftlessClient;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.testing.ClusterMock;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.service.ConfigSource;
import dev.driftless.service.DriftlessServer;
import dev.driftless.service.ServeSettings;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's secret-leak test. A whole service renders, syncs, diffs and fails with known secret values: a Secret in
 * Git, a SOPS-encrypted Secret (Flux's {@code global/} fixture, clear value {@code global-value}), a drifted value
 * written into the cluster, repository and cluster credentials, a project's age key, the admin password and the
 * API tokens. Then every log line, every API answer, every notification, every database row and every file the
 * service wrote outside its Git cache is searched for each of them, in clear and base64-encoded.
 */
class SecretLeakTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PLAIN = "plain-secret-value-4c1e9a";
    private static final String DRIFTED = "drifted-secret-value-0b7d22";
    private static final String SOPS_CLEAR = "global-value";
    private static final String REPO_PASSWORD = "repo-password-77d2b0";
    private static final String CLUSTER_TOKEN = "cluster-bearer-token-5e83f1";

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> answers = new ArrayList<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private PrintStream originalErr;
    private PrintStream originalOut;
    private ClusterMock mock;
    private GitServers servers;
    private GitTestRepo repo;
    private DriftlessServer server;
    private String token;

    @BeforeEach
    void start() throws IOException {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        mock = ClusterMock.start();
        servers = new GitServers(tempDir.resolve("git"));
        repo = servers.createRepo("config");
        repo.commit("a plain Secret and Flux's SOPS-encrypted global/ tree")
                .write("plain/objects.yaml", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: settings}
                        data: {mode: calm}
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: credentials}
                        stringData: {password: %s}
                        """.formatted(PLAIN))
                .write("global/kustomization.yaml", fixture("global/kustomization.yaml"))
                .write("global/secret.yaml", fixture("global/secret.yaml"))
                .create();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            try (exchange) {
                notifications.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        Path config = Files.createDirectories(tempDir.resolve("config"));
        Files.writeString(config.resolve("hook-url"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        Files.writeString(config.resolve("channel.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: NotificationChannel
                metadata: {name: team}
                spec:
                  type: webhook
                  urlFile: hook-url
                """);
        server = DriftlessServer.start(ServeSettings.defaults(tempDir.resolve("data")).withHost("127.0.0.1")
                .withLocalRepositoriesAllowed(true).withPort(0).withSandbox(false)
                .withConfig(new ConfigSource.Directory(config)));
        token = DriftlessClient.signIn(server.url(), "admin", server.initialAdminPassword().orElseThrow()).token();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        servers.close();
        mock.close();
        receiver.stop(0);
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void secretValuesReachNoLogApiAnswerDatabaseRowOrFile() throws Exception {
        String adminPassword = server.initialAdminPassword().orElseThrow();
        String ageIdentity = fixture("keys/age-global.txt").lines().filter(line -> line.startsWith("AGE-SECRET-KEY"))
                .findFirst().orElseThrow();
        String kubeconfig = mock.kubeconfig().replace("not-a-real-token", CLUSTER_TOKEN);
        expect(201, "POST", "/api/clusters", json(Map.of("name", "local", "kubeconfig", kubeconfig, "context", "mock")));
        expect(201, "POST", "/api/repositories", json(Map.of("urlPrefix", servers.httpUrl(repo), "username", "git",
                "password", REPO_PASSWORD)));
        ObjectNode project = (ObjectNode) Documents.YAML.readTree("""
                apiVersion: driftless.dev/v1alpha1
                kind: Project
                metadata: {name: vault}
                spec:
                  sourceRepos: ["*"]
                  destinations: [{cluster: local, namespace: "*"}]
                """);
        project.putObject("sops").put("ageKey", fixture("keys/age-global.txt"));
        expect(201, "POST", "/api/projects", project.toString());
        expect(201, "POST", "/api/applications", application("plain", "default", "plain", "shop"));
        expect(201, "POST", "/api/applications", application("sops", "vault", "global", "default"));
        String issued = expect(201, "POST", "/api/tokens", "{\"expiresIn\": \"1h\", \"description\": \"leak test\"}");
        // The one answer meant to hold a secret: a new token, shown once. Every other answer is searched.
        answers.remove(issued);
        String apiToken = Documents.JSON.readTree(issued).path("token").asText();

        expect(202, "POST", "/api/applications/plain/sync", "{}");
        expect(202, "POST", "/api/applications/sops/sync", "{}");
        awaitOperation("plain", "SUCCEEDED");
        awaitOperation("sops", "SUCCEEDED");
        assertThat(decoded(mock.client().secrets().inNamespace("shop").withName("credentials").get(), "password"))
                .as("the plain Secret reached the cluster").isEqualTo(PLAIN);
        assertThat(decoded(mock.client().secrets().inNamespace("default").withName("global-age-secret").get(), "key"))
                .as("the SOPS Secret reached the cluster decrypted").isEqualTo(SOPS_CLEAR);

        mock.client().secrets().inNamespace("shop").withName("credentials").edit(secret -> {
            secret.setStringData(Map.of("password", DRIFTED));
            return secret;
        });
        expect(202, "POST", "/api/applications/plain/refresh", null);
        awaitSync("plain", "OutOfSync");
        readEverything(List.of("plain", "sops"));

        String tampered = fixture("global/secret.yaml").replaceFirst("data:5d9W", "data:6d9W");
        repo.commit("a broken plain manifest beside the Secret, and a tampered SOPS file")
                .write("plain/objects.yaml", """
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: credentials}
                        stringData: {password: %s
                        """.formatted(PLAIN))
                .write("global/secret.yaml", tampered)
                .create();
        expect(202, "POST", "/api/applications/plain/sync", "{}");
        expect(202, "POST", "/api/applications/sops/sync", "{}");
        awaitOperation("plain", "FAILED");
        awaitOperation("sops", "FAILED");
        await("the failed syncs are notified", () -> Documents.JSON.valueToTree(List.copyOf(notifications)),
                sent -> sent.toString().contains("global/secret.yaml") && sent.toString().contains("plain/objects.yaml"));
        readEverything(List.of("plain", "sops"));
        String unifiedAnswers = String.join("\n", answers);
        assertThat(unifiedAnswers).as("the failures were read back").contains("global/secret.yaml");
        answers.add(get("/metrics", token));
        answers.add(get("/api/applications", apiToken));

        Map<String, String> secrets = new LinkedHashMap<>();
        for (String value : List.of(PLAIN, DRIFTED, SOPS_CLEAR, REPO_PASSWORD, CLUSTER_TOKEN, adminPassword, token,
                apiToken, ageIdentity)) {
            secrets.put(value, value);
            secrets.put(base64(value), value);
        }
        server.close();
        server = null;
        String logText = logs.toString(StandardCharsets.UTF_8);
        assertThat(logText).as("the service logged while it ran").contains("Driftless listening on");
        List<String> rows = databaseRows(tempDir.resolve("data"));
        assertThat(rows).as("the database was read").anyMatch(row -> row.contains("application.create"));
        List<String> files = filesOutsideTheGitCache(tempDir.resolve("data"));

        secrets.forEach((needle, secret) -> {
            String which = "secret " + secret.substring(0, 4) + "…";
            assertThat(logText).as(which + " in the logs").doesNotContain(needle);
            assertThat(answers).as(which + " in an API answer").noneMatch(answer -> answer.contains(needle));
            assertThat(notifications).as(which + " in a notification").noneMatch(sent -> sent.contains(needle));
            assertThat(rows).as(which + " in a database row").noneMatch(row -> row.contains(needle));
            assertThat(files).as(which + " in a file of the data directory").noneMatch(file -> file.contains(needle));
        });
    }

    /**
     * Every read route of both applications and of the service, as the dashboard and the CLI use them; an
     * application that cannot be compared answers its tree, diff and manifests with an error, which counts too.
     */
    private void readEverything(List<String> applications) throws Exception {
        for (String application : applications) {
            for (String route : List.of("", "/tree", "/diff", "/history")) {
                answers.add(answer("/api/applications/" + application + route));
            }
            JsonNode tree = Documents.JSON.readTree(answer("/api/applications/" + application + "/tree"));
            for (JsonNode node : tree.findValues("key")) {
                answers.add(answer("/api/applications/" + application + "/manifest?key="
                        + URLEncoder.encode(node.asText(), StandardCharsets.UTF_8)));
            }
        }
        for (String route : List.of("/api/applications", "/api/events", "/api/audit", "/api/audit/export",
                "/api/audit/verify", "/api/clusters", "/api/repositories", "/api/projects", "/api/projects/vault",
                "/api/tokens", "/api/users", "/api/session")) {
            answers.add(get(route, token));
        }
    }

    /** The answer to a read, which may be a refusal (4xx) but never a server error. */
    private String answer(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isBetween(200, 499);
        return response.body();
    }

    private String get(String path, String bearer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private String expect(int status, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(response.body());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }

    private void awaitOperation(String application, String phase) throws Exception {
        await(application + " ends its operation " + phase, () -> Documents.JSON.readTree(
                get("/api/applications/" + application + "/history?limit=1", token)),
                history -> history.path(0).path("phase").asText().equals(phase));
    }

    private void awaitSync(String application, String sync) throws Exception {
        await(application + " becomes " + sync, () -> Documents.JSON.readTree(
                get("/api/applications/" + application, token)),
                app -> app.findValues("sync").stream().anyMatch(value -> value.asText().equals(sync)));
    }

    private interface Read {
        JsonNode read() throws Exception;
    }

    private static void await(String what, Read read, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JsonNode last = read.read();
        while (!condition.test(last)) {
            assertThat(Instant.now()).as("waiting until " + what + "; last " + last).isBefore(deadline);
            Thread.sleep(100);
            last = read.read();
        }
    }

    private String application(String name, String project, String path, String namespace) throws IOException {
        return json(Map.of("apiVersion", "driftless.dev/v1alpha1", "kind", "Application", "metadata",
                Map.of("name", name), "spec", Map.of("project", project,
                        "source", Map.of("repoURL", servers.httpUrl(repo), "targetRevision", "main", "path", path),
                        "destination", Map.of("cluster", "local", "namespace", namespace),
                        "notifications", Map.of("on", List.of("sync-succeeded", "sync-failed", "drift-detected")),
                        "syncPolicy", Map.of("syncOptions", List.of("CreateNamespace=true")))));
    }

    /** Every row of every table, each cell as text (binary cells also as UTF-8 and hex), one string per row. */
    private static List<String> databaseRows(Path dataDir) throws SQLException {
        List<String> rows = new ArrayList<>();
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("driftless") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).as("the store's tables").contains("audit_events", "repositories", "clusters", "projects");
            for (String table : tables) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int column = 1; column <= columns; column++) {
                            Object cell = result.getObject(column);
                            if (cell instanceof byte[] bytes) {
                                row.append('|').append(new String(bytes, StandardCharsets.UTF_8))
                                        .append('|').append(HexFormat.of().formatHex(bytes));
                            } else {
                                row.append('|').append(cell);
                            }
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    /** The data directory's files as text, but the Git cache, whose checkouts hold what Git holds. */
    private static List<String> filesOutsideTheGitCache(Path dataDir) throws IOException {
        Path gitCache = dataDir.resolve("cache");
        try (Stream<Path> paths = Files.walk(dataDir)) {
            List<Path> files = paths.filter(Files::isRegularFile).filter(path -> !path.startsWith(gitCache)).toList();
            assertThat(files).as("files of the data directory").isNotEmpty();
            List<String> contents = new ArrayList<>();
            for (Path file : files) {
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            return contents;
        }
    }

    /** The value under {@code key}: the mock keeps {@code stringData} as written, where a cluster would encode it. */
    private static String decoded(Secret secret, String key) {
        assertThat(secret).isNotNull();
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return secret.getStringData().get(key);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) throws IOException {
        return Documents.JSON.writeValueAsString(value);
    }

    private static String fixture(String relative) throws IOException {
        return Files.readString(SopsFixture.file(relative));
    }

    /** Writes to two streams: the console, as before, and the captured log. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            synchronized (second) {
                second.write(bytes, offset, length);
            }
        }
    }
}
