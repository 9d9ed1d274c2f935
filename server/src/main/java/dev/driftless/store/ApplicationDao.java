package dev.driftless.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Application definitions created through the API. Lists are filtered and paged in the database. */
public final class ApplicationDao {

    private static final String COLUMNS = "name, project, labels, definition, created_at, updated_at, created_by";

    private final Jdbc jdbc;
    private final Clock clock;

    ApplicationDao(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws StoreException.AlreadyExists when an application of that name is stored */
    public StoredApplication create(ApplicationDefinition definition, String actor) {
        StoredNames.require(actor, "actor", 253);
        Instant now = Jdbc.stored(clock.instant());
        return jdbc.transaction("creating application " + definition.name(), session -> {
            try {
                session.update("INSERT INTO applications (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                        definition.name(), definition.project(), StoreJson.labels(definition.labels()),
                        definition.definition(), now, now, actor);
            } catch (SQLException e) {
                if (Jdbc.uniqueViolation(e)) {
                    throw new StoreException.AlreadyExists("application " + definition.name() + " already exists");
                }
                throw e;
            }
            insertLabels(session, definition);
            return new StoredApplication(definition, now, now, actor);
        });
    }

    /** Replaces the definition, project and labels; keeps who created it and when. */
    public StoredApplication update(ApplicationDefinition definition) {
        Instant now = Jdbc.stored(clock.instant());
        return jdbc.transaction("updating application " + definition.name(), session -> {
            int updated = session.update(
                    "UPDATE applications SET project = ?, labels = ?, definition = ?, updated_at = ? WHERE name = ?",
                    definition.project(), StoreJson.labels(definition.labels()), definition.definition(), now,
                    definition.name());
            if (updated == 0) {
                throw new StoreException.NotFound("application " + definition.name() + " does not exist");
            }
            session.update("DELETE FROM application_labels WHERE application = ?", definition.name());
            insertLabels(session, definition);
            return session.query("SELECT " + COLUMNS + " FROM applications WHERE name = ?",
                    ApplicationDao::application, definition.name()).getFirst();
        });
    }

    public Optional<StoredApplication> find(String name) {
        return jdbc.queryOne("reading application " + name,
                "SELECT " + COLUMNS + " FROM applications WHERE name = ?", ApplicationDao::application, name);
    }

    /** @return whether it existed */
    public boolean delete(String name) {
        return jdbc.update("deleting application " + name, "DELETE FROM applications WHERE name = ?", name) > 0;
    }

    /** Every stored application, by name: what the service loads on start. */
    public List<StoredApplication> all() {
        return jdbc.query("reading applications",
                "SELECT " + COLUMNS + " FROM applications ORDER BY name", ApplicationDao::application);
    }

    public Page<StoredApplication> list(ApplicationQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.nameContains() != null && !query.nameContains().isEmpty()) {
            where.append(" AND LOWER(a.name) LIKE ? ESCAPE '\\'");
            parameters.add("%" + likeEscaped(query.nameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.project() != null) {
            where.append(" AND a.project = ?");
            parameters.add(query.project());
        }
        for (Map.Entry<String, String> label : query.labels().entrySet()) {
            where.append(" AND EXISTS (SELECT 1 FROM application_labels l"
                    + " WHERE l.application = a.name AND l.label_key = ? AND l.label_value = ?)");
            parameters.add(label.getKey());
            parameters.add(label.getValue());
        }
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(query.page().limit());
        pageParameters.add(query.page().offset());
        return jdbc.transaction("listing applications", session -> {
            long total = session.query("SELECT COUNT(*) FROM applications a" + where,
                    row -> row.getLong(1), parameters.toArray()).getFirst();
            List<StoredApplication> items = session.query(
                    "SELECT " + COLUMNS + " FROM applications a" + where + " ORDER BY a.name LIMIT ? OFFSET ?",
                    ApplicationDao::application, pageParameters.toArray());
            return new Page<>(items, total);
        });
    }

    private static void insertLabels(Jdbc.Session session, ApplicationDefinition definition) throws SQLException {
        for (Map.Entry<String, String> label : definition.labels().entrySet()) {
            session.update("INSERT INTO application_labels (application, label_key, label_value) VALUES (?, ?, ?)",
                    definition.name(), label.getKey(), label.getValue());
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static StoredApplication application(ResultSet row) throws SQLException {
        ApplicationDefinition definition = new ApplicationDefinition(row.getString("name"), row.getString("project"),
                StoreJson.labels(row.getString("labels")), row.getString("definition"));
        return new StoredApplication(definition, Jdbc.instant(row, "created_at"), Jdbc.instant(row, "updated_at"),
                row.getString("created_by"));
    }
}
