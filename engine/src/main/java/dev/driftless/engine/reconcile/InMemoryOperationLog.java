package dev.driftless.engine.reconcile;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** History kept in memory: for tests, the CLI and the sandbox. Lost when the process ends. Thread-safe. */
public final class InMemoryOperationLog implements OperationLog {

    private final Map<Long, OperationRecord> records = new LinkedHashMap<>();
    private long lastId;

    @Override
    public synchronized OperationRecord start(OperationRecord running) {
        OperationRecord withId = new OperationRecord(++lastId, running.application(), running.revision(),
                running.commit(), running.initiatedBy(), running.startedAt(), null, OperationRecord.Phase.RUNNING,
                running.message(), running.resources(), running.prune(), running.dryRun());
        records.put(withId.id(), withId);
        return withId;
    }

    /** @throws IllegalArgumentException when the log never started an operation with that id */
    @Override
    public synchronized void finish(OperationRecord finished) {
        if (!records.containsKey(finished.id())) {
            throw new IllegalArgumentException("operation " + finished.id() + " of " + finished.application()
                    + " was never started in this log");
        }
        records.put(finished.id(), finished);
    }

    @Override
    public synchronized List<OperationRecord> history(String application, int limit) {
        return records.values().stream()
                .filter(record -> record.application().equals(application))
                .sorted(Comparator.comparingLong(OperationRecord::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<OperationRecord> find(String application, long id) {
        return Optional.ofNullable(records.get(id)).filter(record -> record.application().equals(application));
    }

    @Override
    public synchronized List<OperationRecord> unfinished() {
        return records.values().stream().filter(record -> record.phase() == OperationRecord.Phase.RUNNING).toList();
    }
}
