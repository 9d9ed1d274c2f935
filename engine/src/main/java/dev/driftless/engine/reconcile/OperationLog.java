package dev.driftless.engine.reconcile;

import java.util.List;
import java.util.Optional;

/**
 * Where sync history is kept. The service stores it in its database; tests keep it in memory.
 * An operation is written when it starts and again when it ends, so a crash in between leaves a RUNNING
 * record the service finishes after a restart: history is never lost.
 */
public interface OperationLog {

    /** Records a started operation and returns it with its id. */
    OperationRecord start(OperationRecord running);

    /** Records how an operation ended. */
    void finish(OperationRecord finished);

    /** The newest first. */
    List<OperationRecord> history(String application, int limit);

    Optional<OperationRecord> find(String application, long id);

    /** Operations that were running when the service stopped. */
    List<OperationRecord> unfinished();
}
