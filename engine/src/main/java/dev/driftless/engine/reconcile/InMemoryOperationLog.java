package dev.driftless.engine.reconcile;

import dev.driftless.engine.sync.ResourceResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** History kept in memory: for tests, the CLI and the sandbox. Lost when the process ends. Thread-safe. */
public final class InMemoryOperationLog implements OperationLog {

    private final Map<Long, OperationRecord> records = new LinkedHashMap<>();
    /** The results of running operations, appended to without copying the record each time. */
    private final Map<Long, List<ResourceResult>> progress = new HashMap<>();
    private long lastId;

    @Override
    public synchronized OperationRecord start(OperationRecord running) {
        OperationRecord withId = new OperationRecord(++lastId, running.application(), running.revision(),
                running.commit(), running.initiatedBy(), running.startedAt(), null, OperationRecord.Phase.RUNNING,
                running.message(), running.resources(), running.prune(), running.dryRun());
        records.put(withId.id(), withId);
        progress.put(withId.id(), new ArrayList<>(withId.resources()));
        return withId;
    }

    /** @throws IllegalArgumentException when no operation with that id is running */
    @Override
    public synchronized void progress(long operationId, ResourceResult result) {
        List<ResourceResult> results = progress.get(operationId);
        if (results == null) {
            throw new IllegalArgumentException("operation " + operationId + " is not running in this log");
        }
        results.add(result);
    }

    /** @throws IllegalArgumentException when the log never started an operation with that id */
    @Override
    public synchronized void finish(OperationRecord finished) {
        if (!records.containsKey(finished.id())) {
            throw new IllegalArgumentException("operation " + finished.id() + " of " + finished.application()
                    + " was never started in this log");
        }
        records.put(finished.id(), finished);
        progress.remove(finished.id());
    }

    @Override
    public synchronized List<OperationRecord> history(String application, int limit) {
        return records.values().stream()
                .filter(record -> record.application().equals(application))
                .sorted(Comparator.comparingLong(OperationRecord::id).reversed())
                .limit(limit)
                .map(this::withProgress)
                .toList();
    }

    @Override
    public synchronized Optional<OperationRecord> find(String application, long id) {
        return Optional.ofNullable(records.get(id)).filter(record -> record.application().equals(application))
                .map(this::withProgress);
    }

    @Override
    public synchronized List<OperationRecord> unfinished() {
        return records.values().stream().filter(record -> record.phase() == OperationRecord.Phase.RUNNING)
                .map(this::withProgress).toList();
    }

    private OperationRecord withProgress(OperationRecord record) {
        List<ResourceResult> results = progress.get(record.id());
        return results == null ? record : record.withResources(results);
    }
}
