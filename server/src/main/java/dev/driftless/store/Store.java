package dev.driftless.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the service keeps that neither Git nor the clusters hold: application definitions created through the
 * API, cluster and repository credentials (encrypted), sync history and the audit log. H2 in the data directory by
 * default, PostgreSQL when a URL says so; the schema is migrated on open. Thread-safe; close it to release the pool.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final String KEY_CHECK = "the store's key check";
    private static final String KEY_CHECK_VALUE = "driftless";

    private final HikariDataSource dataSource;
    private final String description;
    private final ApplicationDao applications;
    private final ClusterDao clusters;
    private final RepositoryDao repositories;
    private final ProjectDao projects;
    private final JdbcOperationLog operations;
    private final AuditLog events;
    private final AccountDao accounts;

    private Store(HikariDataSource dataSource, String description, SecretBox secrets, StoreSettings settings) {
        this.dataSource = dataSource;
        this.description = description;
        Jdbc jdbc = new Jdbc(dataSource);
        this.applications = new ApplicationDao(jdbc, settings.clock());
        this.clusters = new ClusterDao(jdbc, secrets, settings.clock());
        this.repositories = new RepositoryDao(jdbc, secrets, settings.clock());
        this.projects = new ProjectDao(jdbc, secrets, settings.clock());
        this.operations = new JdbcOperationLog(jdbc);
        this.events = new AuditLog(jdbc, settings.clock());
        this.accounts = new AccountDao(jdbc, settings.clock());
    }

    /**
     * Connects, migrates the schema and checks the encryption key.
     *
     * @throws StoreException naming the database (never its password) and the reason
     */
    public static Store open(StoreSettings settings) {
        DatabaseUrl url = DatabaseUrl.resolve(settings);
        if (url.h2()) {
            createDirectory(settings);
        }
        SecretBox secrets = SecretBox.load(settings.environment(), settings.dataDir());
        HikariDataSource dataSource = connect(url);
        try {
            migrate(dataSource, url);
            checkKey(new Jdbc(dataSource), secrets);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("Store: {}", url.describe());
        Store store = new Store(dataSource, url.describe(), secrets, settings);
        try {
            store.events.chainEntriesWrittenBeforeTheChain();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static void createDirectory(StoreSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource connect(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("driftless-store");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(10);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + url.describe() + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(HikariDataSource dataSource, DatabaseUrl url) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + url.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compares the key with the one the database was created with; the first store to open the database records
     * it, and a replica racing it reads the other's record instead.
     */
    private static void checkKey(Jdbc jdbc, SecretBox secrets) {
        Optional<byte[]> recorded = jdbc.queryOne("checking the encryption key",
                "SELECT sealed FROM key_check WHERE id = 1", row -> row.getBytes("sealed"));
        if (recorded.isEmpty()) {
            try {
                jdbc.transaction("recording the encryption key check", session -> session.update(
                        "INSERT INTO key_check (id, sealed) VALUES (1, ?)", secrets.seal(KEY_CHECK_VALUE, KEY_CHECK)));
                return;
            } catch (StoreException e) {
                if (!(e.getCause() instanceof SQLException sql && Jdbc.uniqueViolation(sql))) {
                    throw e;
                }
                checkKey(jdbc, secrets);
                return;
            }
        }
        try {
            secrets.open(recorded.get(), KEY_CHECK);
        } catch (StoreException e) {
            throw new StoreException("the encryption key in " + secrets.origin()
                    + " is not the key this database was created with; use the original key (set "
                    + StoreSettings.KEY_VARIABLE + " or restore the key file)");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    public ApplicationDao applications() {
        return applications;
    }

    public ClusterDao clusters() {
        return clusters;
    }

    public RepositoryDao repositories() {
        return repositories;
    }

    public ProjectDao projects() {
        return projects;
    }

    /** Sync history, as the reconciler records it. */
    public JdbcOperationLog operations() {
        return operations;
    }

    /** Users, sessions and API tokens. */
    public AccountDao accounts() {
        return accounts;
    }

    public AuditLog events() {
        return events;
    }

    /** The database, for people: URL and user, never the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Store[" + description + "]";
    }
}
