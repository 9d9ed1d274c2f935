package dev.driftless.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What every store test needs: a fresh database on the backend of the concrete class, opened before each test and
 * closed after. {@link StoreOnH2Test} and {@link StoreOnPostgresTest} run every contract on both databases.
 */
abstract class StoreContract {

    static final Instant START = Instant.parse("2025-01-02T03:04:05.123456789Z");
    /** {@link #START} as the databases keep it: to the microsecond. */
    static final Instant START_STORED = Instant.parse("2025-01-02T03:04:05.123456Z");

    @TempDir
    Path dataDir;

    final TestClock clock = new TestClock(START);
    StoreSettings settings;
    Store store;

    abstract Backend backend();

    @BeforeEach
    void openStore() {
        settings = backend().settings(dataDir, clock);
        store = Store.open(settings);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same database, as a service restart does. */
    void restart() {
        store.close();
        store = Store.open(settings);
    }
}
