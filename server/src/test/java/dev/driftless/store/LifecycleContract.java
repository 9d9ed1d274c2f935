package dev.driftless.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

abstract class LifecycleContract extends StoreContract {

    @Test
    void reopeningAppliesNoMigrationTwiceAndKeepsTheData() throws SQLException {
        List<String> migrationsAfterFirstOpen = migrations();
        store.events().append(
                new AuditEntry("user:alice", "application.create", "shop", "10.0.0.7", AuditEntry.OK, "kept"));

        restart();
        restart();

        assertThat(migrationsAfterFirstOpen).containsExactly("1 store true", "2 operation progress true",
                "3 audit chain true", "4 projects true", "5 users sessions tokens true");
        assertThat(migrations()).isEqualTo(migrationsAfterFirstOpen);
        assertThat(store.events().list(new EventQuery(null, null, null)).items())
                .extracting(AuditEvent::message).containsExactly("kept");
    }

    @Test
    void theDescriptionNamesTheDatabaseAndNoPassword() {
        DatabaseUrl url = DatabaseUrl.resolve(settings);

        assertThat(store.description()).startsWith(url.jdbcUrl());
        if (url.password() != null) {
            assertThat(store.description()).doesNotContain(url.password());
            assertThat(store.toString()).doesNotContain(url.password());
            assertThat(url.toString()).doesNotContain(url.password()).contains("password=***");
        }
    }

    private List<String> migrations() throws SQLException {
        try (Connection connection = Backend.rawConnection(settings);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, description, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> migrations = new ArrayList<>();
            while (rows.next()) {
                migrations.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
            }
            return migrations;
        }
    }
}
