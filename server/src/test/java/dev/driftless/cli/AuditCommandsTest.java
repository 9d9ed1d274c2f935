package dev.driftless.cli;

import dev.driftless.client.FakeApiServer;
import dev.driftless.store.AuditEntry;
import dev.driftless.store.Store;
import dev.driftless.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless audit verify} on the store itself, {@code driftless audit export} through the API. */
class AuditCommandsTest {

    private static final String TOKEN = "audit-token-Hq72";
    private static final String LINES = """
            {"id":1,"time":"2025-03-01T10:00:00Z","actor":"user:alice","action":"sync","previousHash":"00","hash":"11"}
            {"id":2,"time":"2025-03-01T10:00:01Z","actor":"automated","action":"sync.failed","previousHash":"11","hash":"22"}
            """;

    @TempDir
    Path dataDir;

    @Test
    void anIntactChainExitsZeroWithTheNumberOfEntriesChecked() {
        appendThree();

        CliRun run = CliRun.of("audit", "verify", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("audit log intact: 3 entries checked\n");
    }

    @Test
    void anEditedEntryExitsOneNamingIt() throws SQLException {
        appendThree();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("driftless")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE audit_events SET actor = 'user:nobody' WHERE id = 2");
        }

        CliRun run = CliRun.of("audit", "verify", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("audit log broken at entry 2 (edited): entry 2's fields do not match its"
                + " hash: a field was changed after it was written; 2 entries checked\n");
    }

    @Test
    void theExportIsWrittenToTheOutputFileAsTheServerSentItWithTheTimeBounds() throws Exception {
        Path output = dataDir.resolve("audit.jsonl");
        Files.writeString(output, "an earlier export");
        try (FakeApiServer server = FakeApiServer.start(TOKEN)) {
            server.answer("GET", "/api/audit/export", 200, LINES);
            Path tokenFile = Files.writeString(dataDir.resolve("token"), TOKEN);

            CliRun run = CliRun.of("audit", "export", "--since", "2025-03-01T00:00:00Z", "--output", output.toString(),
                    "--server", server.uri().toString(), "--token-file", tokenFile.toString());

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(server.onlyRequest().query()).isEqualTo("since=2025-03-01T00%3A00%3A00Z");
            assertThat(run.all()).doesNotContain(TOKEN);
        }
        assertThat(Files.readString(output)).isEqualTo(LINES);
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void aRefusedExportLeavesTheOutputAloneAndSaysWhy() throws Exception {
        Path output = dataDir.resolve("audit.jsonl");
        Files.writeString(output, "an earlier export");
        try (FakeApiServer server = FakeApiServer.start(TOKEN)) {
            server.answer("GET", "/api/audit/export", 403, "{\"error\": \"not allowed to read the audit log\"}");
            Path tokenFile = Files.writeString(dataDir.resolve("token"), TOKEN);

            CliRun run = CliRun.of("audit", "export", "--output", output.toString(),
                    "--server", server.uri().toString(), "--token-file", tokenFile.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("not allowed to read the audit log (HTTP 403)");
        }
        assertThat(Files.readString(output)).isEqualTo("an earlier export");
    }

    @Test
    void badTimesAreRefusedBeforeAnythingIsAsked() {
        CliRun notATime = CliRun.of("audit", "export", "--since", "yesterday", "--server", "http://127.0.0.1:1");
        CliRun reversed = CliRun.of("audit", "export", "--since", "2025-03-02T00:00:00Z", "--until",
                "2025-03-01T00:00:00Z", "--server", "http://127.0.0.1:1");

        assertThat(notATime.exitCode()).isEqualTo(2);
        assertThat(notATime.err()).contains("--since yesterday: expected an ISO-8601 time");
        assertThat(reversed.err()).contains("--since 2025-03-02T00:00:00Z must be before --until 2025-03-01T00:00:00Z");
    }

    private void appendThree() {
        try (Store store = Store.open(new StoreSettings(dataDir, null, Map.of(), null))) {
            for (String actor : new String[]{"user:alice", "user:bob", "automated"}) {
                store.events().append(new AuditEntry(actor, "sync", "shop", "10.0.0.7", AuditEntry.OK, "sync"));
            }
        }
    }
}
