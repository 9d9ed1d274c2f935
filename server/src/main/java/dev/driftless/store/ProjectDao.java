package dev.driftless.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.model.Documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Projects created through the API: the definition as JSON, the SOPS keys sealed with the store's key. */
public final class ProjectDao {

    private static final String COLUMNS = "name, definition, sops_keys";

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final Clock clock;

    ProjectDao(Jdbc jdbc, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @throws StoreException.AlreadyExists when a project of that name is stored */
    public void create(StoredProject project, String createdBy) {
        Instant now = Jdbc.stored(clock.instant());
        jdbc.transaction("creating project " + project.name(), session -> {
            try {
                return session.update("INSERT INTO projects (name, definition, sops_keys, created_at, updated_at,"
                                + " created_by) VALUES (?, ?, ?, ?, ?, ?)", project.name(), definition(project.spec()),
                        seal(project), now, now, createdBy);
            } catch (SQLException e) {
                if (Jdbc.uniqueViolation(e)) {
                    throw new StoreException.AlreadyExists("project " + project.name() + " already exists");
                }
                throw e;
            }
        });
    }

    /** Replaces the definition and the keys; keeps who created it and when. */
    public void update(StoredProject project) {
        int updated = jdbc.update("updating project " + project.name(),
                "UPDATE projects SET definition = ?, sops_keys = ?, updated_at = ? WHERE name = ?",
                definition(project.spec()), seal(project), Jdbc.stored(clock.instant()), project.name());
        if (updated == 0) {
            throw new StoreException.NotFound("project " + project.name() + " does not exist");
        }
    }

    public Optional<StoredProject> find(String name) {
        return jdbc.queryOne("reading project " + name, "SELECT " + COLUMNS + " FROM projects WHERE name = ?",
                this::project, name);
    }

    /** All projects, by name. */
    public List<StoredProject> all() {
        return jdbc.query("reading projects", "SELECT " + COLUMNS + " FROM projects ORDER BY name", this::project);
    }

    /** @return whether it existed */
    public boolean delete(String name) {
        return jdbc.update("deleting project " + name, "DELETE FROM projects WHERE name = ?", name) > 0;
    }

    private static String definition(ProjectSpec spec) {
        try {
            return Documents.JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a project always serialises", e);
        }
    }

    private byte[] seal(StoredProject project) {
        if (project.keys().isEmpty()) {
            return null;
        }
        ObjectNode keys = Documents.JSON.createObjectNode()
                .put("age", project.keys().ageIdentities())
                .put("pgp", project.keys().pgpPrivateKeys());
        return secrets.seal(keys.toString(), place(project.name()));
    }

    private StoredProject project(ResultSet row) throws SQLException {
        String name = row.getString("name");
        ProjectSpec spec;
        try {
            spec = Documents.JSON.readValue(row.getString("definition"), ProjectSpec.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("stored project " + name + " cannot be read: " + e.getMessage());
        }
        byte[] sealed = row.getBytes("sops_keys");
        if (sealed == null) {
            return new StoredProject(spec, ProjectKeys.none());
        }
        try {
            JsonNode keys = Documents.JSON.readTree(secrets.open(sealed, place(name)));
            return new StoredProject(spec, new ProjectKeys(keys.path("age").asText(""), keys.path("pgp").asText("")));
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored SOPS keys of project " + name + " are not readable");
        }
    }

    private static String place(String name) {
        return "the SOPS keys of project " + name;
    }
}
