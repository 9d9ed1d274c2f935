package dev.driftless.store;

import dev.driftless.store.AuditVerification.Break;
import dev.driftless.store.AuditVerification.Reason;
import dev.driftless.store.ChainCheck.Problem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The audit log: who did what, when, from where, with what result. Only appended to; each entry is chained to the
 * one before by hash ({@link AuditChain}), so {@link #verify()} shows an entry changed, deleted, inserted or moved by
 * hand. Appends lock the one-row chain head, so appenders on several replicas sharing a database take turns.
 */
public final class AuditLog {

    private static final String COLUMNS =
            "id, occurred_at, actor, action, application, source, result, message, previous_hash, entry_hash";
    private static final int FETCH_SIZE = 500;

    private final Jdbc jdbc;
    private final Clock clock;

    AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an entry now, chained to the newest. */
    public AuditEvent append(AuditEntry entry) {
        StoredNames.require(entry.actor(), "actor", Integer.MAX_VALUE);
        StoredNames.require(entry.action(), "action", Integer.MAX_VALUE);
        StoredNames.require(entry.source(), "source", Integer.MAX_VALUE);
        StoredNames.require(entry.result(), "result", Integer.MAX_VALUE);
        return jdbc.transaction("appending to the audit log", session -> {
            String previous = session.query("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE",
                    row -> row.getString(1)).getFirst();
            Instant now = Jdbc.stored(clock.instant());
            String hash = AuditChain.hash(previous, now, entry);
            long id = session.insert("INSERT INTO audit_events (occurred_at, actor, action, application, source,"
                            + " result, message, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    now, entry.actor(), entry.action(), entry.application(), entry.source(), entry.result(),
                    entry.message(), previous, hash);
            session.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", id, hash);
            return new AuditEvent(id, now, entry, previous, hash);
        });
    }

    /**
     * Chains, in id order, the entries written before the log was chained; done once, when the store opens after
     * the migration that added the chain.
     */
    void chainEntriesWrittenBeforeTheChain() {
        jdbc.transaction("chaining the audit entries written before the chain", session -> {
            record Head(String hash, long legacyLastId) {
            }
            Head head = session.query("SELECT last_hash, legacy_last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE",
                    row -> new Head(row.getString(1), row.getLong(2))).getFirst();
            if (head.legacyLastId() == 0) {
                return null;
            }
            String previous = head.hash();
            long lastId = 0;
            for (AuditEvent event : session.query("SELECT " + COLUMNS + " FROM audit_events"
                    + " WHERE entry_hash IS NULL AND id <= ? ORDER BY id", AuditLog::event, head.legacyLastId())) {
                String hash = AuditChain.hash(previous, event.at(), event.entry());
                session.update("UPDATE audit_events SET previous_hash = ?, entry_hash = ? WHERE id = ?",
                        previous, hash, event.id());
                previous = hash;
                lastId = event.id();
            }
            session.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ?, legacy_last_id = 0 WHERE id = 1",
                    lastId, previous);
            return null;
        });
    }

    public Page<AuditEvent> list(EventQuery query) {
        Filter filter = Filter.of(query);
        List<Object> pageParameters = new ArrayList<>(filter.parameters());
        pageParameters.add(query.page().limit());
        pageParameters.add(query.page().offset());
        return jdbc.transaction("reading the audit log", session -> {
            long total = session.query("SELECT COUNT(*) FROM audit_events" + filter.where(),
                    row -> row.getLong(1), filter.parameters().toArray()).getFirst();
            List<AuditEvent> items = session.query("SELECT " + COLUMNS + " FROM audit_events" + filter.where()
                    + " ORDER BY id DESC LIMIT ? OFFSET ?", AuditLog::event, pageParameters.toArray());
            return new Page<>(items, total);
        });
    }

    /**
     * Hands every entry matching {@code query}'s filter (its page is ignored) to {@code sink}, oldest first, read
     * from the database a few hundred at a time in one transaction.
     */
    public void export(EventQuery query, Consumer<AuditEvent> sink) {
        Filter filter = Filter.of(query);
        jdbc.transaction("exporting the audit log", session -> {
            session.forEach("SELECT " + COLUMNS + " FROM audit_events" + filter.where() + " ORDER BY id",
                    FETCH_SIZE, AuditLog::event, event -> {
                        sink.accept(event);
                        return true;
                    }, filter.parameters().toArray());
            return null;
        });
    }

    /** Checks the whole chain, in one transaction, up to the newest entry the chain head names. */
    public AuditVerification verify() {
        return jdbc.transaction("verifying the audit log", session -> {
            record Head(long lastId, String hash) {
            }
            Head head = session.query("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1",
                    row -> new Head(row.getLong(1), row.getString(2))).getFirst();
            ChainCheck check = new ChainCheck();
            session.forEach("SELECT " + COLUMNS + " FROM audit_events WHERE id <= ? ORDER BY id", FETCH_SIZE,
                    AuditLog::event, check::accept, head.lastId());
            Optional<Problem> problem = check.finish(head.lastId(), head.hash());
            if (problem.isEmpty()) {
                return new AuditVerification(check.checked(), entryBeyondTheHead(session)
                        .map(id -> new Break(id, Reason.INSERTED, "entry " + id + " is not in the chain: it comes"
                                + " after the newest entry the chain head records; entries were inserted")));
            }
            return new AuditVerification(check.checked(), Optional.of(switch (problem.get()) {
                case Problem.Found found -> found.found();
                case Problem.Link link -> {
                    List<Long> chainedTo = session.query("SELECT id FROM audit_events WHERE entry_hash = ? ORDER BY id",
                            row -> row.getLong(1), link.link().chainedTo());
                    yield ChainCheck.linkBreak(link.link(),
                            chainedTo.isEmpty() ? OptionalLong.empty() : OptionalLong.of(chainedTo.getFirst()));
                }
            }));
        });
    }

    /**
     * The newest entry when no append wrote it: it comes after the chain head. The head is read after the entries:
     * an append writes its entry and moves the head in one transaction, so an entry seen has its head visible too.
     */
    private static Optional<Long> entryBeyondTheHead(Jdbc.Session session) throws SQLException {
        long newest = session.query("SELECT COALESCE(MAX(id), 0) FROM audit_events", row -> row.getLong(1)).getFirst();
        long head = session.query("SELECT last_id FROM audit_chain_head WHERE id = 1", row -> row.getLong(1))
                .getFirst();
        return newest > head ? Optional.of(newest) : Optional.empty();
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(row.getLong("id"), Jdbc.instant(row, "occurred_at"), new AuditEntry(
                row.getString("actor"), row.getString("action"), row.getString("application"), row.getString("source"),
                row.getString("result"), row.getString("message")),
                row.getString("previous_hash"), row.getString("entry_hash"));
    }

    /** The WHERE clause of a query's filter and its parameters. */
    private record Filter(String where, List<Object> parameters) {

        static Filter of(EventQuery query) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> parameters = new ArrayList<>();
            if (query.application() != null) {
                where.append(" AND application = ?");
                parameters.add(query.application());
            }
            if (query.actor() != null) {
                where.append(" AND actor = ?");
                parameters.add(query.actor());
            }
            if (!query.actions().isEmpty()) {
                where.append(" AND action IN (")
                        .append(String.join(", ", Collections.nCopies(query.actions().size(), "?"))).append(")");
                parameters.addAll(query.actions());
            }
            if (query.result() != null) {
                where.append(" AND (result = ? OR result LIKE ? ESCAPE '\\')");
                parameters.add(query.result());
                parameters.add(likeEscaped(query.result()) + ":%");
            }
            if (query.text() != null) {
                where.append(" AND (LOWER(message) LIKE ? ESCAPE '\\' OR LOWER(actor) LIKE ? ESCAPE '\\')");
                String pattern = "%" + likeEscaped(query.text().toLowerCase(Locale.ROOT)) + "%";
                parameters.add(pattern);
                parameters.add(pattern);
            }
            if (query.since() != null) {
                where.append(" AND occurred_at >= ?");
                parameters.add(Jdbc.stored(query.since()));
            }
            if (query.until() != null) {
                where.append(" AND occurred_at < ?");
                parameters.add(Jdbc.stored(query.until()));
            }
            return new Filter(where.toString(), List.copyOf(parameters));
        }

        /** The text matched literally: LIKE's wildcards and the escape character itself escaped. */
        private static String likeEscaped(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
