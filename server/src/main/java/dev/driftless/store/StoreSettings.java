package dev.driftless.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * How to open the {@link Store}.
 *
 * @param dataDir     the data directory: holds the H2 database and the generated encryption key file
 * @param databaseUrl {@code postgresql://user:password@host:port/db}, {@code jdbc:postgresql:...} or
 *                    {@code jdbc:h2:...}; {@code null} or blank for H2 in {@code dataDir}
 * @param environment where {@value #PASSWORD_VARIABLE} and {@value #KEY_VARIABLE} are looked up
 * @param clock       stamps creation, update and audit times
 */
public record StoreSettings(Path dataDir, String databaseUrl, Map<String, String> environment, Clock clock) {

    /** The database password when the URL carries none. */
    public static final String PASSWORD_VARIABLE = "DRIFTLESS_DATABASE_PASSWORD";
    /** The encryption key (32 bytes, base64) when the data directory's key file should not be used. */
    public static final String KEY_VARIABLE = "DRIFTLESS_ENCRYPTION_KEY";

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Settings that read the process environment and the system clock. */
    public static StoreSettings of(Path dataDir, String databaseUrl) {
        return new StoreSettings(dataDir, databaseUrl, System.getenv(), Clock.systemUTC());
    }

    @Override
    public String toString() {
        return "StoreSettings[dataDir=" + dataDir + ", database=" + (databaseUrl == null ? "H2" : "<url>") + "]";
    }
}
