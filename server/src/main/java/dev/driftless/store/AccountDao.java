package dev.driftless.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Local users, sessions and API tokens (migration V5). Only hashes of passwords and tokens reach the database. */
public final class AccountDao {

    private static final String TOKEN_COLUMNS = "id, token_hash, subject, user_groups, project, role, description,"
            + " created_by, created_at, expires_at, revoked_at";

    private final Jdbc jdbc;
    private final Clock clock;

    AccountDao(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws StoreException.AlreadyExists when a user of that name is stored */
    public void createUser(String name, String passwordHash) {
        Instant now = Jdbc.stored(clock.instant());
        jdbc.transaction("creating user " + name, session -> {
            try {
                return session.update("INSERT INTO users (name, password_hash, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?)", name, passwordHash, now, now);
            } catch (SQLException e) {
                if (Jdbc.uniqueViolation(e)) {
                    throw new StoreException.AlreadyExists("user " + name + " already exists");
                }
                throw e;
            }
        });
    }

    /**
     * Creates {@code name} only when there is no user at all, in one transaction, so that two replicas starting
     * together create one first user.
     *
     * @return whether it was created
     */
    public boolean createFirstUser(String name, String passwordHash) {
        Instant now = Jdbc.stored(clock.instant());
        return jdbc.transaction("creating the first user " + name, session ->
                session.update("INSERT INTO users (name, password_hash, created_at, updated_at)"
                        + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM users)", name, passwordHash, now, now) > 0);
    }

    public Optional<StoredUser> user(String name) {
        return jdbc.queryOne("reading user " + name,
                "SELECT name, password_hash, created_at FROM users WHERE name = ?", AccountDao::user, name);
    }

    /** All users, by name. */
    public List<StoredUser> users() {
        return jdbc.query("reading users", "SELECT name, password_hash, created_at FROM users ORDER BY name",
                AccountDao::user);
    }

    /** @throws StoreException.NotFound when no user of that name is stored */
    public void updatePassword(String name, String passwordHash) {
        int updated = jdbc.update("updating the password of user " + name,
                "UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?", passwordHash,
                Jdbc.stored(clock.instant()), name);
        if (updated == 0) {
            throw new StoreException.NotFound("user " + name + " does not exist");
        }
    }

    /** Deletes the user and the sessions it signed in; @return whether it existed */
    public boolean deleteUser(String name) {
        return jdbc.transaction("deleting user " + name, session -> {
            session.update("DELETE FROM sessions WHERE actor = ?", "user:" + name);
            return session.update("DELETE FROM users WHERE name = ?", name) > 0;
        });
    }

    public void createSession(StoredSession stored) {
        jdbc.update("creating a session for " + stored.actor(), "INSERT INTO sessions (token_hash, actor, subject,"
                        + " user_groups, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", stored.tokenHash(),
                stored.actor(), stored.subject(), StoreJson.groups(stored.groups()), Jdbc.stored(clock.instant()),
                Jdbc.stored(stored.expiresAt()));
    }

    /** The session of that token hash while it has not expired. */
    public Optional<StoredSession> session(String tokenHash) {
        return jdbc.queryOne("reading a session", "SELECT token_hash, actor, subject, user_groups, expires_at"
                        + " FROM sessions WHERE token_hash = ? AND expires_at > ?", row -> new StoredSession(
                        row.getString("token_hash"), row.getString("actor"), row.getString("subject"),
                        StoreJson.groups(row.getString("user_groups")), Jdbc.instant(row, "expires_at")),
                tokenHash, Jdbc.stored(clock.instant()));
    }

    public void deleteSession(String tokenHash) {
        jdbc.update("deleting a session", "DELETE FROM sessions WHERE token_hash = ?", tokenHash);
    }

    /** Drops expired sessions; @return how many */
    public int deleteExpiredSessions() {
        return jdbc.update("deleting expired sessions", "DELETE FROM sessions WHERE expires_at <= ?",
                Jdbc.stored(clock.instant()));
    }

    public void createToken(StoredToken token) {
        jdbc.update("creating API token " + token.id(), "INSERT INTO api_tokens (" + TOKEN_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", token.id(), token.tokenHash(), token.subject(),
                StoreJson.groups(token.groups()), token.project(), token.role(), token.description(),
                token.createdBy(), Jdbc.stored(token.createdAt()), Jdbc.stored(token.expiresAt()),
                Jdbc.stored(token.revokedAt()));
    }

    /** The token of that hash, valid or not: the caller tells expired and revoked tokens apart. */
    public Optional<StoredToken> tokenByHash(String tokenHash) {
        return jdbc.queryOne("reading an API token", "SELECT " + TOKEN_COLUMNS + " FROM api_tokens"
                + " WHERE token_hash = ?", AccountDao::token, tokenHash);
    }

    public Optional<StoredToken> token(String id) {
        return jdbc.queryOne("reading API token " + id, "SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE id = ?",
                AccountDao::token, id);
    }

    /** Every token, newest first. */
    public List<StoredToken> tokens() {
        return jdbc.query("reading API tokens", "SELECT " + TOKEN_COLUMNS + " FROM api_tokens"
                + " ORDER BY created_at DESC, id", AccountDao::token);
    }

    /** Marks the token revoked; @return whether a token not yet revoked had that id */
    public boolean revokeToken(String id) {
        return jdbc.update("revoking API token " + id, "UPDATE api_tokens SET revoked_at = ?"
                + " WHERE id = ? AND revoked_at IS NULL", Jdbc.stored(clock.instant()), id) > 0;
    }

    private static StoredUser user(ResultSet row) throws SQLException {
        return new StoredUser(row.getString("name"), row.getString("password_hash"), Jdbc.instant(row, "created_at"));
    }

    private static StoredToken token(ResultSet row) throws SQLException {
        return new StoredToken(row.getString("id"), row.getString("token_hash"), row.getString("subject"),
                StoreJson.groups(row.getString("user_groups")), row.getString("project"), row.getString("role"),
                row.getString("description"), row.getString("created_by"), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "expires_at"), Jdbc.instant(row, "revoked_at"));
    }
}
