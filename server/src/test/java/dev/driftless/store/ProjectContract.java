package dev.driftless.store;

import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.io.IOException;
import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class ProjectContract extends StoreContract {

    private static final String AGE = "# created: 2026-11-23\nAGE-SECRET-KEY-1YVY7HLYJH060CCCKHEN2X6R8X3666Z6WKTAVQH0SHGU0L7RRF8NSS75523";
    private static final String PGP = fixturePgpKey();
    /** A line from the middle of the PGP key's armored body. */
    private static final String PGP_BODY = PGP.lines().toList().get(4);

    /** Flux's PGP test key (shared/fixtures/sops-flux/keys/pgp.asc): a real key, as the project check parses it. */
    private static String fixturePgpKey() {
        try {
            return Files.readString(SopsFixture.file("keys/pgp.asc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProjectSpec teamA(String description) {
        return new ProjectSpec("team-a", description, List.of("https://git.example.com/team-a/*"),
                List.of(new ProjectSpec.Destination("prod", "team-a-*")),
                List.of(new ProjectSpec.GroupKind("", "Namespace")), List.of(new ProjectSpec.GroupKind("", "ResourceQuota")),
                List.of(new ProjectSpec.DestinationServiceAccount("prod", "*", "deployer")),
                List.of(new ProjectSpec.Role("deployer", "syncs", List.of("p, proj:team-a:deployer, applications, sync, team-a/*, allow"),
                        List.of("team-a-devs"))));
    }

    @Test
    void projectsAreReadBackAsWrittenWithTheirKeys() {
        StoredProject withKeys = new StoredProject(teamA("team A"), new ProjectKeys(AGE, PGP));
        StoredProject plain = new StoredProject(new ProjectSpec("bare", null, null, null, null, null, null, null), null);
        store.projects().create(withKeys, "user:alice");
        store.projects().create(plain, "user:alice");

        assertThat(store.projects().find("team-a")).contains(withKeys);
        assertThat(store.projects().all()).containsExactly(plain, withKeys);

        StoredProject changed = new StoredProject(teamA("team A, changed"), ProjectKeys.none());
        store.projects().update(changed);
        restart();
        assertThat(store.projects().find("team-a")).contains(changed);
        assertThat(store.projects().delete("team-a")).isTrue();
        assertThat(store.projects().find("team-a")).isEmpty();
        assertThat(store.projects().delete("team-a")).isFalse();
    }

    @Test
    void namesAreUniqueAndUpdatesNeedAnExistingProject() {
        store.projects().create(new StoredProject(teamA(""), null), "user:alice");

        assertThatThrownBy(() -> store.projects().create(new StoredProject(teamA(""), null), "user:bob"))
                .isInstanceOf(StoreException.AlreadyExists.class).hasMessage("project team-a already exists");
        assertThatThrownBy(() -> store.projects().update(new StoredProject(
                new ProjectSpec("team-z", null, null, null, null, null, null, null), null)))
                .isInstanceOf(StoreException.NotFound.class).hasMessage("project team-z does not exist");
    }

    @Test
    void theKeysAreStoredEncryptedAndNeverShown() throws SQLException {
        StoredProject project = new StoredProject(teamA("team A"), new ProjectKeys(AGE, PGP));
        store.projects().create(project, "user:alice");

        String keys = latin1(rawColumn("SELECT sops_keys FROM projects WHERE name = 'team-a'"));
        String definition = latin1(rawColumn("SELECT CAST(definition AS BYTEA) FROM projects WHERE name = 'team-a'"));

        assertThat(definition).as("the check sees text stored in clear").contains("team-a-devs");
        assertThat(definition).doesNotContain("AGE-SECRET-KEY").doesNotContain(PGP_BODY);
        assertThat(keys).doesNotContain("AGE-SECRET-KEY").doesNotContain(PGP_BODY).doesNotContain("PGP");
        assertThat(project.toString()).doesNotContain("AGE-SECRET-KEY").doesNotContain(PGP_BODY)
                .contains("1 age identities, 1 PGP keys");
    }

    private byte[] rawColumn(String sql) throws SQLException {
        try (Connection connection = Backend.rawConnection(settings);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).as("a row for " + sql).isTrue();
            return row.getBytes(1);
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
