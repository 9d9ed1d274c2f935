package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryOperationLogTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static OperationRecord running(String app) {
        return new OperationRecord(0, app, "abc", null, "automated", START, null, OperationRecord.Phase.RUNNING, "",
                List.of(), false, false);
    }

    @Test
    void keepsHistoryPerApplicationNewestFirstAndTracksUnfinishedOperations() {
        InMemoryOperationLog log = new InMemoryOperationLog();
        OperationRecord first = log.start(running("web"));
        OperationRecord other = log.start(running("api"));
        OperationRecord second = log.start(running("web"));
        log.finish(first.finished(START.plusSeconds(1), OperationRecord.Phase.SUCCEEDED, "synced", List.of()));

        assertThat(List.of(first.id(), other.id(), second.id())).doesNotHaveDuplicates();
        assertThat(log.history("web", 10)).extracting(OperationRecord::id).containsExactly(second.id(), first.id());
        assertThat(log.history("web", 1)).extracting(OperationRecord::id).containsExactly(second.id());
        assertThat(log.find("web", first.id()).orElseThrow().phase()).isEqualTo(OperationRecord.Phase.SUCCEEDED);
        assertThat(log.find("api", first.id())).isEmpty();
        assertThat(log.unfinished()).extracting(OperationRecord::id).containsExactly(other.id(), second.id());
    }

    private static final ResourceResult CREATED = new ResourceResult(new ResourceKey("", "ConfigMap", "shop", "web"),
            SyncAction.CREATED, "created");
    private static final ResourceResult HOOK = new ResourceResult(new ResourceKey("batch", "Job", "shop", "migrate-b2c4d"),
            SyncAction.HOOK_CREATED, "PreSync hook created");

    @Test
    void aRunningOperationShowsItsProgressUntilItsEndReplacesIt() {
        InMemoryOperationLog log = new InMemoryOperationLog();
        OperationRecord running = log.start(running("web"));
        log.progress(running.id(), CREATED);
        log.progress(running.id(), HOOK);

        assertThat(log.find("web", running.id()).orElseThrow().resources()).containsExactly(CREATED, HOOK);
        assertThat(log.history("web", 1).getFirst().resources()).containsExactly(CREATED, HOOK);
        assertThat(log.unfinished().getFirst().resources()).containsExactly(CREATED, HOOK);

        log.finish(running.finished(START.plusSeconds(1), OperationRecord.Phase.SUCCEEDED, "synced", List.of(CREATED)));

        assertThat(log.find("web", running.id()).orElseThrow().resources()).containsExactly(CREATED);
    }

    @Test
    void progressOfAnOperationThatIsNotRunningIsAnError() {
        InMemoryOperationLog log = new InMemoryOperationLog();
        OperationRecord done = log.start(running("web"));
        log.finish(done.finished(START, OperationRecord.Phase.FAILED, "x", List.of()));

        assertThatThrownBy(() -> log.progress(done.id(), CREATED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation " + done.id() + " is not running in this log");
        assertThatThrownBy(() -> log.progress(99, CREATED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation 99 is not running in this log");
        assertThat(log.find("web", done.id()).orElseThrow().resources()).isEmpty();
    }

    @Test
    void finishingAnOperationItNeverStartedIsAnError() {
        InMemoryOperationLog log = new InMemoryOperationLog();
        OperationRecord stranger = new OperationRecord(42, "web", "abc", null, "automated", START, START,
                OperationRecord.Phase.FAILED, "x", List.of(), false, false);

        assertThatThrownBy(() -> log.finish(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operation 42 of web");
    }
}
