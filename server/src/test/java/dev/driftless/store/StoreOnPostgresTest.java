package dev.driftless.store;

import dev.driftless.testing.PostgresServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every store contract on PostgreSQL, in a server the tests start; and how the store connects to PostgreSQL without
 * ever showing the password.
 */
class StoreOnPostgresTest {

    private static final AuditEntry LOGIN = new AuditEntry("user:alice", "login", null, "10.0.0.7", AuditEntry.OK,
            "connected");

    @TempDir
    Path dataDir;

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void aPostgresqlUrlWithCredentialsConnectsAndThePasswordIsNeverLogged() {
        String database = server.createDatabase();
        String url = "postgresql://" + PostgresServer.USER + ":" + server.password() + "@127.0.0.1:" + server.port()
                + "/" + database;

        String log = capturingStandardError(() -> {
            try (Store store = Store.open(new StoreSettings(dataDir, url, Map.of(), null))) {
                store.events().append(LOGIN);
                assertThat(store.description()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/"
                        + database + " as " + PostgresServer.USER);
            }
        });

        assertThat(log).as("the store logs where it connects").contains("Store: jdbc:postgresql://127.0.0.1:");
        assertThat(log).doesNotContain(server.password());
    }

    @Test
    void thePasswordCanComeFromTheEnvironment() {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + server.createDatabase() + "?user="
                + PostgresServer.USER;

        try (Store store = Store.open(new StoreSettings(dataDir, url,
                Map.of(StoreSettings.PASSWORD_VARIABLE, server.password()), null))) {
            assertThat(store.events().append(LOGIN).id()).isPositive();
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutShowingIt() {
        String wrong = "not-the-password-" + server.password().substring(0, 6);
        String url = "postgresql://" + PostgresServer.USER + ":" + wrong + "@127.0.0.1:" + server.port() + "/postgres";

        String log = capturingStandardError(() -> assertThatThrownBy(
                () -> Store.open(new StoreSettings(dataDir, url, Map.of(), null)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to the database jdbc:postgresql://127.0.0.1:" + server.port()
                        + "/postgres as driftless: ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(wrong));

        assertThat(log).doesNotContain(wrong);
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Applications extends ApplicationContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }

    @Nested
    class Credentials extends CredentialContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }

    @Nested
    class Operations extends OperationLogContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }

    @Nested
    class Events extends AuditLogContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }

    @Nested
    class Projects extends ProjectContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
