package dev.driftless.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The audit log: who did what, when. Only appended to; nothing here changes or deletes an entry. */
public final class AuditLog {

    private final Jdbc jdbc;
    private final Clock clock;

    AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an event now. */
    public AuditEvent append(String actor, String action, String application, String message) {
        StoredNames.require(actor, "actor", Integer.MAX_VALUE);
        StoredNames.require(action, "action", Integer.MAX_VALUE);
        String text = Objects.requireNonNullElse(message, "");
        Instant now = Jdbc.stored(clock.instant());
        long id = jdbc.transaction("appending to the audit log", session -> session.insert(
                "INSERT INTO audit_events (occurred_at, actor, action, application, message) VALUES (?, ?, ?, ?, ?)",
                now, actor, action, application, text));
        return new AuditEvent(id, now, actor, action, application, text);
    }

    public Page<AuditEvent> list(EventQuery query) {
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
            where.append(" AND action IN (").append(String.join(", ", Collections.nCopies(query.actions().size(), "?")))
                    .append(")");
            parameters.addAll(query.actions());
        }
        if (query.text() != null) {
            where.append(" AND (LOWER(message) LIKE ? ESCAPE '\\' OR LOWER(actor) LIKE ? ESCAPE '\\')");
            String pattern = "%" + likeEscaped(query.text().toLowerCase(Locale.ROOT)) + "%";
            parameters.add(pattern);
            parameters.add(pattern);
        }
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(query.page().limit());
        pageParameters.add(query.page().offset());
        return jdbc.transaction("reading the audit log", session -> {
            long total = session.query("SELECT COUNT(*) FROM audit_events" + where,
                    row -> row.getLong(1), parameters.toArray()).getFirst();
            List<AuditEvent> items = session.query("SELECT id, occurred_at, actor, action, application, message"
                            + " FROM audit_events" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                    AuditLog::event, pageParameters.toArray());
            return new Page<>(items, total);
        });
    }

    /** The text matched literally: LIKE's wildcards and the escape character itself escaped. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEvent event(ResultSet row) throws SQLException {
        return new AuditEvent(row.getLong("id"), Jdbc.instant(row, "occurred_at"), row.getString("actor"),
                row.getString("action"), row.getString("application"), row.getString("message"));
    }
}
