package dev.driftless.store;

import dev.driftless.testing.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** The two databases every store test runs on. */
enum Backend {

    H2 {
        @Override
        StoreSettings settings(Path dataDir, Clock clock) {
            return new StoreSettings(dataDir, null, Map.of(), clock);
        }
    },

    POSTGRES {
        @Override
        StoreSettings settings(Path dataDir, Clock clock) {
            PostgresServer server = PostgresServer.shared();
            return new StoreSettings(dataDir, server.jdbcUrl(server.createDatabase()) + "?user=" + PostgresServer.USER,
                    Map.of(StoreSettings.PASSWORD_VARIABLE, server.password()), clock);
        }
    };

    /** Settings for a new, empty database; opening them twice opens the same database. */
    abstract StoreSettings settings(Path dataDir, Clock clock);

    /** A plain connection to the store's database, to look at what is really stored. */
    static Connection rawConnection(StoreSettings settings) throws SQLException {
        DatabaseUrl url = DatabaseUrl.resolve(settings);
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }
}
