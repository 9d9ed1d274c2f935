package dev.driftless.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Repository credentials registered through the API, secrets encrypted; matched to URLs by longest prefix. */
public final class RepositoryDao {

    private static final String COLUMNS = "url_prefix, credential_type, username, secret";

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final Clock clock;

    RepositoryDao(Jdbc jdbc, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @throws StoreException.AlreadyExists when credentials for that prefix are stored */
    public void create(StoredRepository repository) {
        Instant now = Jdbc.stored(clock.instant());
        jdbc.transaction("creating repository " + repository.urlPrefix(), session -> {
            try {
                return session.update("INSERT INTO repositories (" + COLUMNS + ", created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)", repository.urlPrefix(), repository.type().name(),
                        repository.username(), seal(repository), now, now);
            } catch (SQLException e) {
                if (Jdbc.uniqueViolation(e)) {
                    throw new StoreException.AlreadyExists("repository " + repository.urlPrefix() + " already exists");
                }
                throw e;
            }
        });
    }

    /** @throws StoreException.NotFound when no credentials for that prefix are stored */
    public void update(StoredRepository repository) {
        int updated = jdbc.update("updating repository " + repository.urlPrefix(),
                "UPDATE repositories SET credential_type = ?, username = ?, secret = ?, updated_at = ? WHERE url_prefix = ?",
                repository.type().name(), repository.username(), seal(repository), Jdbc.stored(clock.instant()),
                repository.urlPrefix());
        if (updated == 0) {
            throw new StoreException.NotFound("repository " + repository.urlPrefix() + " does not exist");
        }
    }

    public Optional<StoredRepository> find(String urlPrefix) {
        return jdbc.queryOne("reading repository " + urlPrefix,
                "SELECT " + COLUMNS + " FROM repositories WHERE url_prefix = ?", this::repository, urlPrefix);
    }

    /** All repositories, by URL prefix. */
    public List<StoredRepository> all() {
        return jdbc.query("reading repositories",
                "SELECT " + COLUMNS + " FROM repositories ORDER BY url_prefix", this::repository);
    }

    /** The credentials whose prefix is the longest that {@code repositoryUrl} starts with. */
    public Optional<StoredRepository> matching(String repositoryUrl) {
        return all().stream()
                .filter(repository -> repositoryUrl.startsWith(repository.urlPrefix()))
                .max(Comparator.comparingInt(repository -> repository.urlPrefix().length()));
    }

    /** @return whether it existed */
    public boolean delete(String urlPrefix) {
        return jdbc.update("deleting repository " + urlPrefix, "DELETE FROM repositories WHERE url_prefix = ?",
                urlPrefix) > 0;
    }

    private byte[] seal(StoredRepository repository) {
        return repository.secret() == null ? null : secrets.seal(repository.secret(), place(repository.urlPrefix()));
    }

    private StoredRepository repository(ResultSet row) throws SQLException {
        String urlPrefix = row.getString("url_prefix");
        byte[] sealed = row.getBytes("secret");
        return new StoredRepository(urlPrefix, StoredRepository.CredentialType.valueOf(row.getString("credential_type")),
                row.getString("username"), sealed == null ? null : secrets.open(sealed, place(urlPrefix)));
    }

    private static String place(String urlPrefix) {
        return "the secret of repository " + urlPrefix;
    }
}
