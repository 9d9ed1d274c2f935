package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code driftless events} against a fake service. */
class EventsCommandTest {

    private static final String TOKEN = "events-token-Zq81";
    private static final String EVENTS = """
            [{"time": "2025-03-01T10:00:02Z", "actor": "automated", "action": "sync.failed", "application": "web",
              "message": "1 of 3 objects failed\\nsecond line"},
             {"time": "2025-03-01T09:59:00Z", "actor": "user:alice", "action": "application.create", "application": "web",
              "message": "created"}]""";

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

    private CliRun events(String... args) {
        List<String> all = new ArrayList<>(List.of("events"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", server.uri().toString(), "--token-file", tokenFile.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.all()).as("the token never shows").doesNotContain(TOKEN);
        return run;
    }

    @Test
    void listsTheEventsOfOneApplicationAsATableWithTheFirstLineOfEachMessage() {
        server.answer("GET", "/api/events", 200, EVENTS);

        CliRun run = events("--app", "web", "--limit", "2", "--offset", "4");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.onlyRequest().query()).isEqualTo("application=web&limit=2&offset=4");
        assertThat(run.out().lines()).containsExactly(
                "TIME                   APPLICATION   ACTION               ACTOR        MESSAGE",
                "2025-03-01T10:00:02Z   web           sync.failed          automated    1 of 3 objects failed",
                "2025-03-01T09:59:00Z   web           application.create   user:alice   created");
    }

    @Test
    void allEventsAsJsonAreTheServersList() throws Exception {
        server.answer("GET", "/api/events", 200, EVENTS);

        CliRun run = events("-o", "json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.onlyRequest().query()).isEqualTo("limit=50&offset=0");
        JsonNode printed = Documents.JSON.readTree(run.out());
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0).path("action").asText()).isEqualTo("sync.failed");
        assertThat(printed.get(1).path("actor").asText()).isEqualTo("user:alice");
    }

    @Test
    void noEventsSaysSo() {
        server.answer("GET", "/api/events", 200, "[]");

        assertThat(events("--app", "web").out()).isEqualTo("no events recorded for web\n");
        assertThat(events().out()).isEqualTo("no events recorded\n");
    }

    @Test
    void aBadLimitOrOffsetIsBadInputAndNothingIsSent() {
        CliRun zero = events("--limit", "0");
        CliRun negative = events("--offset", "-1");

        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--limit 0: must be at least 1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--offset -1: must not be negative");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aWrongTokenIsBadInputWithAHintAndAServerDownIsUnreachable() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong"), "not-the-token");
        CliRun refused = CliRun.of("events", "--server", server.uri().toString(), "--token-file", wrong.toString());
        CliRun down = CliRun.of("events", "--server", FakeApiServer.closedPort().toString(), "--token-file",
                tokenFile.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("(HTTP 401)", "check --token-file");
        assertThat(down.exitCode()).isEqualTo(3);
        assertThat(down.err()).startsWith("error: ");
    }
}
