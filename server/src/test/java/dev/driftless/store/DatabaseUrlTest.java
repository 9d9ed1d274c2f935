package dev.driftless.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    private static final Path DATA = Path.of("/var/lib/driftless");

    @Test
    void noUrlMeansH2InTheDataDirectoryInPostgresMode() {
        DatabaseUrl url = resolve(null, Map.of());

        assertThat(url.jdbcUrl()).startsWith("jdbc:h2:file:/var/lib/driftless/driftless;MODE=PostgreSQL;");
        assertThat(url.h2()).isTrue();
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void aPostgresqlUriGivesUserAndDecodedPasswordOutsideTheJdbcUrl() {
        DatabaseUrl url = resolve("postgresql://app:p%40ss%2Fw+rd@db.example:5433/driftless?sslmode=require", Map.of());

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example:5433/driftless?sslmode=require",
                "app", "p@ss/w+rd"));
    }

    @Test
    void thePostgresSchemeAndAMissingPortAreAccepted() {
        DatabaseUrl url = resolve("postgres://app@db.example/driftless", Map.of());

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example/driftless", "app", null));
    }

    @Test
    void credentialsInJdbcQueryParametersAreTakenOutOfTheUrl() {
        DatabaseUrl url = resolve("jdbc:postgresql://db:5432/driftless?user=app&ssl=true&password=hunter2", Map.of());

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/driftless?ssl=true", "app", "hunter2"));
    }

    @Test
    void thePasswordComesFromTheEnvironmentWhenTheUrlHasNone() {
        Map<String, String> environment = Map.of(StoreSettings.PASSWORD_VARIABLE, "from-env");

        assertThat(resolve("postgresql://app@db/driftless", environment).password()).isEqualTo("from-env");
        assertThat(resolve("postgresql://app:from-url@db/driftless", environment).password()).isEqualTo("from-url");
    }

    @Test
    void textShownToPeopleNeverHoldsThePassword() {
        DatabaseUrl url = resolve("postgresql://app:hunter2@db/driftless", Map.of());

        assertThat(url.describe()).isEqualTo("jdbc:postgresql://db/driftless as app");
        assertThat(url.toString()).doesNotContain("hunter2").contains("password=***");
        assertThat(new StoreSettings(DATA, "postgresql://app:hunter2@db/driftless", Map.of(), null).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void anUnsupportedSchemeIsNamedWithoutRepeatingTheUrl() {
        assertThatThrownBy(() -> resolve("mysql://app:hunter2@db/driftless", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("database URL: unsupported scheme 'mysql'; use postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anInvalidUriIsReportedWithoutRepeatingIt() {
        assertThatThrownBy(() -> resolve("postgresql://app:hun ter2@db/driftless", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("database URL is not a valid URI: ")
                .hasMessageNotContaining("hun ter2");
        assertThatThrownBy(() -> resolve("postgresql:///driftless", Map.of()))
                .hasMessage("database URL names no host; expected postgresql://user@host:port/database");
    }

    @Test
    void anH2PathWithASemicolonIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.h2In(Path.of("/tmp/a;b")))
                .hasMessage("data directory /tmp/a;b: an H2 database path cannot contain ';'");
    }

    private static DatabaseUrl resolve(String url, Map<String, String> environment) {
        return DatabaseUrl.resolve(new StoreSettings(DATA, url, environment, null));
    }
}
