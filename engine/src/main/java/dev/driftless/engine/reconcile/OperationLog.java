package dev.driftless.engine.reconcile;

import dev.driftless.engine.sync.ResourceResult;

import java.util.List;
import java.util.Optional;

/**
 * Where sync history is kept. The service stores it in its database; tests keep it in memory.
 * An operation is written when it starts, once per object as the sync handles it, and again when it ends, so a crash
 * in between leaves a RUNNING record, with what it had done so far, that the service finishes after a restart:
 * history is never lost.
 */
public interface OperationLog {

    /** Records a started operation and returns it with its id. */
    OperationRecord start(OperationRecord running);

    /**
     * Records one result of a running operation as it happens; a RUNNING record read back lists these as its
     * resources. Called once per object, so it must stay cheap.
     *
     * @throws IllegalArgumentException or a store-specific error when no operation with that id is running
     */
    void progress(long operationId, ResourceResult result);

    /** Records how an operation ended; its resources replace those recorded as progress. */
    void finish(OperationRecord finished);

    /** The newest first. */
    List<OperationRecord> history(String application, int limit);

    Optional<OperationRecord> find(String application, long id);

    /** Operations that were running when the service stopped. */
    List<OperationRecord> unfinished();
}
