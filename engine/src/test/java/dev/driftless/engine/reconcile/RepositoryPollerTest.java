package dev.driftless.engine.reconcile;

import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The last poll of each repository, as the dashboard's repository list shows it. */
class RepositoryPollerTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final String WRONG_PASSWORD = "wrong-password-that-must-not-leak";

    @TempDir
    Path tempDir;

    private GitServers servers;
    private RepositoryPoller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    private RepositoryPoller poller() {
        poller = new RepositoryPoller(new GitSource(tempDir.resolve("cache")), Duration.ofMillis(20), 0,
                (identity, refs) -> { }, RepositoryPoller.FailureListener.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
        return poller;
    }

    @Test
    void recordsSucceededAndFailedPollsPerRepositoryWithoutCredentials() throws InterruptedException {
        servers = new GitServers(tempDir.resolve("git"));
        GitTestRepo good = servers.createRepo("good");
        good.commit("first").write("a.yaml", "a: 1\n").create();
        GitTestRepo guarded = servers.createRepo("guarded");
        guarded.commit("first").write("a.yaml", "a: 1\n").create();
        String goodUrl = good.fileUrl();
        String missingUrl = tempDir.resolve("no-such-repo").toUri().toString();
        String guardedUrl = servers.privateHttpUrl(guarded);
        RepositoryPoller polls = poller();
        assertThat(polls.lastPolls()).as("nothing polled yet").isEmpty();

        polls.track(Map.of(
                RepositoryUrls.identity(goodUrl), RepoSpec.anonymous(goodUrl),
                RepositoryUrls.identity(missingUrl), RepoSpec.anonymous(missingUrl),
                RepositoryUrls.identity(guardedUrl), new RepoSpec(guardedUrl,
                        new GitCredentials.Basic(GitServers.HTTP_USER, WRONG_PASSWORD))));
        await(() -> polls.lastPolls().size() == 3);

        Map<String, RepositoryPoll> last = polls.lastPolls();
        assertThat(last.get(RepositoryUrls.identity(goodUrl))).isEqualTo(new RepositoryPoll(NOW, ""));
        assertThat(last.get(RepositoryUrls.identity(missingUrl))).satisfies(poll -> {
            assertThat(poll.succeeded()).isFalse();
            assertThat(poll.at()).isEqualTo(NOW);
            assertThat(poll.failure()).isNotBlank();
        });
        assertThat(last.get(RepositoryUrls.identity(guardedUrl))).satisfies(poll -> {
            assertThat(poll.succeeded()).isFalse();
            assertThat(poll.failure()).doesNotContain(WRONG_PASSWORD);
        });
    }

    @Test
    void forgetsRepositoriesNoLongerTracked() throws InterruptedException {
        String missingUrl = tempDir.resolve("no-such-repo").toUri().toString();
        RepositoryPoller polls = poller();
        polls.track(Map.of(RepositoryUrls.identity(missingUrl), RepoSpec.anonymous(missingUrl)));
        await(() -> !polls.lastPolls().isEmpty());

        polls.track(Map.of());

        assertThat(polls.lastPolls()).isEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 15 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
