package dev.driftless.service;

import dev.driftless.engine.reconcile.OperationLog;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.sync.ResourceResult;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** An operation log that also tells when an operation starts, so the service can record "sync started" events. */
final class AnnouncingOperationLog implements OperationLog {

    private final OperationLog log;
    private final Consumer<OperationRecord> onStart;

    AnnouncingOperationLog(OperationLog log, Consumer<OperationRecord> onStart) {
        this.log = log;
        this.onStart = onStart;
    }

    @Override
    public OperationRecord start(OperationRecord running) {
        OperationRecord started = log.start(running);
        onStart.accept(started);
        return started;
    }

    @Override
    public void finish(OperationRecord finished) {
        log.finish(finished);
    }

    @Override
    public void progress(long operationId, ResourceResult result) {
        log.progress(operationId, result);
    }

    @Override
    public List<OperationRecord> history(String application, int limit) {
        return log.history(application, limit);
    }

    @Override
    public Optional<OperationRecord> find(String application, long id) {
        return log.find(application, id);
    }

    @Override
    public List<OperationRecord> unfinished() {
        return log.unfinished();
    }
}
