package dev.driftless.store;

import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.reconcile.OperationLog;
import dev.driftless.engine.reconcile.OperationRecord;
import dev.driftless.engine.sync.ResourceResult;
import dev.driftless.engine.sync.SyncAction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sync history in the database. Ids come from the database, so they increase across restarts and replicas.
 * Times are kept to the microsecond: {@link #start} returns the record as stored. Progress is one row per result in
 * {@code operation_progress} while the operation runs; {@link #finish} moves the results into the operation's row.
 */
public final class JdbcOperationLog implements OperationLog {

    private static final String COLUMNS = "id, application, revision, commit_info, initiated_by, started_at,"
            + " finished_at, phase, message, resources, prune, dry_run";

    private final Jdbc jdbc;

    JdbcOperationLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OperationRecord start(OperationRecord running) {
        if (running.initiatedBy() == null || running.startedAt() == null || running.phase() == null) {
            throw new IllegalArgumentException("an operation of " + running.application()
                    + " needs initiatedBy, startedAt and phase to be recorded");
        }
        OperationRecord stored = asStored(running);
        long id = jdbc.transaction("recording an operation of " + running.application(), session -> session.insert(
                "INSERT INTO operations (application, revision, commit_info, initiated_by, started_at, finished_at,"
                        + " phase, message, resources, prune, dry_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                stored.application(), stored.revision(), StoreJson.commit(stored.commit()), stored.initiatedBy(),
                stored.startedAt(), stored.finishedAt(), stored.phase().name(), stored.message(),
                StoreJson.resources(stored.resources()), stored.prune(), stored.dryRun()));
        return new OperationRecord(id, stored.application(), stored.revision(), stored.commit(), stored.initiatedBy(),
                stored.startedAt(), stored.finishedAt(), stored.phase(), stored.message(), stored.resources(),
                stored.prune(), stored.dryRun());
    }

    /** One insert, refused unless the operation is running. @throws StoreException.NotFound when it is not */
    @Override
    public void progress(long operationId, ResourceResult result) {
        ResourceKey key = result.key();
        int inserted = jdbc.update("recording progress of operation " + operationId,
                "INSERT INTO operation_progress (operation_id, api_group, kind, namespace, name, action, message)"
                        + " SELECT id, ?, ?, ?, ?, ?, ? FROM operations WHERE id = ? AND phase = ?",
                key.group(), key.kind(), key.namespace(), key.name(),
                result.action() == null ? null : result.action().name(), result.message(),
                operationId, OperationRecord.Phase.RUNNING.name());
        if (inserted == 0) {
            throw new StoreException.NotFound("operation " + operationId + " is not running");
        }
    }

    /** @throws StoreException.NotFound when the operation was never started in this log */
    @Override
    public void finish(OperationRecord finished) {
        OperationRecord stored = asStored(finished);
        int updated = jdbc.transaction("recording the end of operation " + finished.id() + " of " + finished.application(),
                session -> {
                    int rows = session.update("UPDATE operations SET finished_at = ?, phase = ?, message = ?, resources = ?"
                                    + " WHERE id = ? AND application = ?",
                            stored.finishedAt(), stored.phase().name(), stored.message(),
                            StoreJson.resources(stored.resources()), stored.id(), stored.application());
                    session.update("DELETE FROM operation_progress WHERE operation_id = ?", stored.id());
                    return rows;
                });
        if (updated == 0) {
            throw new StoreException.NotFound("operation " + finished.id() + " of application "
                    + finished.application() + " was never started");
        }
    }

    @Override
    public List<OperationRecord> history(String application, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, not " + limit);
        }
        return jdbc.transaction("reading the history of " + application, session -> withProgress(session, session.query(
                "SELECT " + COLUMNS + " FROM operations WHERE application = ? ORDER BY id DESC LIMIT ?",
                JdbcOperationLog::operation, application, limit)));
    }

    @Override
    public Optional<OperationRecord> find(String application, long id) {
        return jdbc.transaction("reading operation " + id + " of " + application, session -> withProgress(session,
                session.query("SELECT " + COLUMNS + " FROM operations WHERE application = ? AND id = ?",
                        JdbcOperationLog::operation, application, id))).stream().findFirst();
    }

    /** Oldest first, across applications. */
    @Override
    public List<OperationRecord> unfinished() {
        return jdbc.transaction("reading unfinished operations", session -> withProgress(session, session.query(
                "SELECT " + COLUMNS + " FROM operations WHERE phase = ? ORDER BY id",
                JdbcOperationLog::operation, OperationRecord.Phase.RUNNING.name())));
    }

    /** Running operations with the results recorded so far; finished ones keep theirs in their own row. */
    private static List<OperationRecord> withProgress(Jdbc.Session session, List<OperationRecord> records)
            throws SQLException {
        List<OperationRecord> complete = new ArrayList<>(records.size());
        for (OperationRecord record : records) {
            complete.add(record.phase() != OperationRecord.Phase.RUNNING ? record : record.withResources(session.query(
                    "SELECT api_group, kind, namespace, name, action, message FROM operation_progress"
                            + " WHERE operation_id = ? ORDER BY id",
                    JdbcOperationLog::result, record.id())));
        }
        return complete;
    }

    private static ResourceResult result(ResultSet row) throws SQLException {
        String action = row.getString("action");
        return new ResourceResult(new ResourceKey(row.getString("api_group"), row.getString("kind"),
                row.getString("namespace"), row.getString("name")),
                action == null ? null : SyncAction.valueOf(action), row.getString("message"));
    }

    private static OperationRecord asStored(OperationRecord record) {
        return new OperationRecord(record.id(), record.application(), record.revision(), record.commit(),
                record.initiatedBy(), Jdbc.stored(record.startedAt()), Jdbc.stored(record.finishedAt()),
                record.phase(), record.message(), record.resources(), record.prune(), record.dryRun());
    }

    private static OperationRecord operation(ResultSet row) throws SQLException {
        return new OperationRecord(row.getLong("id"), row.getString("application"), row.getString("revision"),
                StoreJson.commit(row.getString("commit_info")), row.getString("initiated_by"),
                Jdbc.instant(row, "started_at"), Jdbc.instant(row, "finished_at"),
                OperationRecord.Phase.valueOf(row.getString("phase")), row.getString("message"),
                StoreJson.resources(row.getString("resources")), row.getBoolean("prune"), row.getBoolean("dry_run"));
    }
}
