package dev.driftless.store;

import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Revision;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.reconcile.OperationRecord.Phase;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class OperationLogContract extends StoreContract {

    private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private static final Revision COMMIT = new Revision("main", SHA,
            new Revision.Person("Ada Lovelace", "ada@example.org", Instant.parse("2025-01-01T10:00:00Z")),
            new Revision.Person("Bot", "bot@example.org", Instant.parse("2025-01-01T10:05:00Z")),
            Instant.parse("2025-01-01T10:05:00Z"), "Scale the shop to 3 replicas\n\nBecause of the sale.");
    private static final List<ResourceResult> RESULTS = List.of(
            new ResourceResult(new ResourceKey("apps", "Deployment", "shop", "web"), SyncAction.CONFIGURED, "configured"),
            new ResourceResult(new ResourceKey("", "Namespace", "", "shop"), SyncAction.UNCHANGED, null),
            new ResourceResult(new ResourceKey("", "ConfigMap", "shop", "settings"), SyncAction.FAILED,
                    "admission webhook \"validate\" denied the request: value 'x' is not allowed"));

    @Test
    void aStartedOperationIsRunningUntilFinishedAndKeepsEveryField() {
        OperationRecord started = store.operations().start(running("shop", START));

        assertThat(started.id()).isPositive();
        assertThat(started.startedAt()).isEqualTo(START_STORED);
        assertThat(store.operations().find("shop", started.id())).contains(started);
        assertThat(store.operations().unfinished()).containsExactly(started);

        OperationRecord finished = started.finished(START.plusSeconds(3), Phase.FAILED, "1 of 3 resources failed", RESULTS);
        store.operations().finish(finished);

        OperationRecord read = store.operations().find("shop", started.id()).orElseThrow();
        assertThat(read).isEqualTo(started.finished(START_STORED.plusSeconds(3), Phase.FAILED,
                "1 of 3 resources failed", RESULTS));
        assertThat(read.commit()).isEqualTo(COMMIT);
        assertThat(store.operations().unfinished()).isEmpty();
    }

    @Test
    void anOperationWithoutACommitOrResultsIsKept() {
        OperationRecord unreadable = new OperationRecord(0, "shop", null, null, "automated", START, null,
                Phase.RUNNING, null, null, false, true);

        OperationRecord started = store.operations().start(unreadable);

        OperationRecord read = store.operations().find("shop", started.id()).orElseThrow();
        assertThat(read.commit()).isNull();
        assertThat(read.revision()).isEmpty();
        assertThat(read.resources()).isEmpty();
        assertThat(read.dryRun()).isTrue();
        assertThat(read.prune()).isFalse();
    }

    @Test
    void historyIsPerApplicationNewestFirstAndLimited() {
        List<Long> shopIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shopIds.add(store.operations().start(running("shop", START.plusSeconds(i))).id());
            store.operations().start(running("cart", START.plusSeconds(i)));
        }

        List<OperationRecord> newestTwo = store.operations().history("shop", 2);

        assertThat(newestTwo).extracting(OperationRecord::id).containsExactly(shopIds.get(3), shopIds.get(2));
        assertThat(newestTwo).extracting(OperationRecord::application).containsOnly("shop");
        assertThat(store.operations().history("shop", 10)).hasSize(4);
        assertThat(store.operations().history("none", 10)).isEmpty();
        assertThat(store.operations().find("cart", shopIds.getFirst())).as("an id of another application").isEmpty();
        assertThatThrownBy(() -> store.operations().history("shop", 0))
                .hasMessage("history limit must be at least 1, not 0");
    }

    @Test
    void anOperationWithoutItsOriginIsRefused() {
        OperationRecord anonymous = new OperationRecord(0, "shop", SHA, null, null, START, null, Phase.RUNNING, "",
                List.of(), false, false);

        assertThatThrownBy(() -> store.operations().start(anonymous))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an operation of shop needs initiatedBy, startedAt and phase to be recorded");
    }

    @Test
    void finishingAnOperationNeverStartedIsAnError() {
        OperationRecord ghost = new OperationRecord(4242, "shop", SHA, null, "automated", START, START,
                Phase.SUCCEEDED, "done", List.of(), false, false);

        assertThatThrownBy(() -> store.operations().finish(ghost))
                .isInstanceOf(StoreException.NotFound.class)
                .hasMessage("operation 4242 of application shop was never started");
    }

    @Test
    void anOperationRunningAtShutdownIsUnfinishedAfterARestart() {
        OperationRecord interrupted = store.operations().start(running("shop", START));
        OperationRecord done = store.operations().start(running("cart", START));
        store.operations().finish(done.finished(START.plusSeconds(1), Phase.SUCCEEDED, "synced", RESULTS));

        restart();

        assertThat(store.operations().unfinished()).containsExactly(interrupted);
        OperationRecord next = store.operations().start(running("shop", START.plusSeconds(5)));
        assertThat(next.id()).as("ids keep increasing after a restart").isGreaterThan(done.id());
    }

    @Test
    void progressRecordedWhileRunningSurvivesARestartAndIsReplacedByTheEnd() {
        OperationRecord running = store.operations().start(running("shop", START));
        OperationRecord other = store.operations().start(running("cart", START));
        RESULTS.forEach(result -> store.operations().progress(running.id(), result));
        store.operations().progress(other.id(), RESULTS.getFirst());

        assertThat(store.operations().find("shop", running.id()).orElseThrow().resources()).isEqualTo(RESULTS);
        assertThat(store.operations().history("shop", 1).getFirst().resources()).isEqualTo(RESULTS);

        restart();

        assertThat(store.operations().unfinished()).extracting(OperationRecord::resources)
                .containsExactly(RESULTS, List.of(RESULTS.getFirst()));
        List<ResourceResult> kept = List.of(RESULTS.get(1));
        store.operations().finish(running.finished(START.plusSeconds(2), Phase.FAILED, "interrupted by restart", kept));
        assertThat(store.operations().find("shop", running.id()).orElseThrow().resources()).isEqualTo(kept);
        assertThat(store.operations().find("cart", other.id()).orElseThrow().resources())
                .containsExactly(RESULTS.getFirst());
    }

    @Test
    void progressOfAnOperationThatIsNotRunningIsRefused() {
        OperationRecord done = store.operations().start(running("shop", START));
        store.operations().finish(done.finished(START.plusSeconds(1), Phase.SUCCEEDED, "synced", List.of()));

        assertThatThrownBy(() -> store.operations().progress(done.id(), RESULTS.getFirst()))
                .isInstanceOf(StoreException.NotFound.class)
                .hasMessage("operation " + done.id() + " is not running");
        assertThatThrownBy(() -> store.operations().progress(4242, RESULTS.getFirst()))
                .isInstanceOf(StoreException.NotFound.class)
                .hasMessage("operation 4242 is not running");
        assertThat(store.operations().find("shop", done.id()).orElseThrow().resources()).isEmpty();
    }

    @Test
    void operationsWrittenFromManyThreadsAtOnceAreAllKept() throws Exception {
        int threads = 6;
        int perThread = 15;
        List<Future<List<Long>>> writers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                String application = "app-" + (t % 3);
                writers.add(executor.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        OperationRecord started = store.operations().start(running(application, START));
                        store.operations().finish(started.finished(START.plus(Duration.ofSeconds(1)), Phase.SUCCEEDED,
                                "synced", RESULTS));
                        ids.add(started.id());
                    }
                    return ids;
                }));
            }
        }

        List<Long> ids = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
            ids.addAll(writer.get());
        }
        assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
        for (int a = 0; a < 3; a++) {
            List<OperationRecord> history = store.operations().history("app-" + a, 1000);
            assertThat(history).hasSize(2 * perThread).allSatisfy(record -> {
                assertThat(record.phase()).isEqualTo(Phase.SUCCEEDED);
                assertThat(record.resources()).isEqualTo(RESULTS);
            });
            assertThat(history).extracting(OperationRecord::id).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        }
        assertThat(store.operations().unfinished()).isEmpty();
    }

    private static OperationRecord running(String application, Instant startedAt) {
        return new OperationRecord(0, application, SHA, COMMIT, "user:alice", startedAt, null, Phase.RUNNING, "",
                List.of(), true, false);
    }
}
