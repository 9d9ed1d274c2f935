package dev.driftless.api.auth;

import dev.driftless.store.AccountDao;
import dev.driftless.store.StoreException;
import dev.driftless.store.StoredSession;
import dev.driftless.store.StoredToken;
import dev.driftless.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local users, sessions and API tokens over the store: checks passwords, opens and closes sessions, issues and
 * revokes tokens, and tells who a presented token stands for. Only hashes are stored.
 */
public final class Accounts {

    /** The user created at first start. */
    public static final String ADMIN = "admin";
    /** How long a session lasts after signing in. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9._@]{0,61}[a-z0-9])?");

    private final AccountDao store;
    private final Clock clock;

    public Accounts(AccountDao store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates {@value #ADMIN} with a random password when there is no user at all.
     *
     * @return the password, when this call created the user: the only time it is known in clear
     */
    public Optional<String> createAdminIfNoUser() {
        String password = SecretTokens.random(18);
        return store.createFirstUser(ADMIN, PasswordHash.hash(password)) ? Optional.of(password) : Optional.empty();
    }

    /**
     * @throws IllegalArgumentException naming the field when the name or password is not acceptable
     * @throws StoreException.AlreadyExists when the user exists
     */
    public void createUser(String name, String password) {
        checkUserName(name);
        PasswordHash.checkAcceptable(password, "password");
        store.createUser(name, PasswordHash.hash(password));
    }

    public List<StoredUser> users() {
        return store.users();
    }

    /** @return whether it existed */
    public boolean deleteUser(String name) {
        return store.deleteUser(name);
    }

    /** The user signing in with this name and password, checked in the same time whether the user exists or not. */
    public Optional<Principal> checkPassword(String name, String password) {
        Optional<StoredUser> user = store.user(name);
        boolean matches = user.map(found -> PasswordHash.matches(password, found.passwordHash()))
                .orElseGet(() -> PasswordHash.matchesNothing(password));
        return matches ? Optional.of(Principal.user(name)) : Optional.empty();
    }

    /**
     * Replaces the user's password after checking the current one.
     *
     * @throws IllegalArgumentException when the current password is wrong or the new one not acceptable
     */
    public void changePassword(String name, String currentPassword, String newPassword) {
        if (checkPassword(name, currentPassword).isEmpty()) {
            throw new IllegalArgumentException("currentPassword: does not match");
        }
        PasswordHash.checkAcceptable(newPassword, "newPassword");
        store.updatePassword(name, PasswordHash.hash(newPassword));
    }

    /** A new session for {@code principal}; @return its token, which only the caller gets */
    public String openSession(Principal principal) {
        String token = SecretTokens.newToken();
        store.createSession(new StoredSession(SecretTokens.hash(token), principal.actor(), principal.subject(),
                principal.groups(), clock.instant().plus(SESSION_LIFETIME)));
        return token;
    }

    public void closeSession(String token) {
        store.deleteSession(SecretTokens.hash(token));
    }

    /** Who a session or API token stands for, when it is known, not expired and not revoked. */
    public Optional<Principal> principalOf(String token) {
        String hash = SecretTokens.hash(token);
        Optional<StoredToken> apiToken = store.tokenByHash(hash);
        if (apiToken.isPresent()) {
            StoredToken found = apiToken.get();
            return found.validAt(clock.instant())
                    ? Optional.of(new Principal("token:" + found.id(), found.subject(), found.groups()))
                    : Optional.empty();
        }
        return store.session(hash).map(session -> new Principal(session.actor(), session.subject(),
                session.groups()));
    }

    /** Issues a token for {@code creator}: acting as the project role, or as the creator without a project. */
    public IssuedToken createToken(TokenRequest request, Principal creator) {
        String value = SecretTokens.newToken();
        Instant now = clock.instant();
        boolean projectRole = request.project() != null;
        StoredToken stored = new StoredToken(SecretTokens.random(9), SecretTokens.hash(value),
                projectRole ? "proj:" + request.project() + ":" + request.role() : creator.subject(),
                projectRole ? List.of() : creator.groups(), request.project(), request.role(), request.description(),
                creator.actor(), now, request.expiresIn() == null ? null : now.plus(request.expiresIn()), null);
        store.createToken(stored);
        return new IssuedToken(value, stored);
    }

    public List<StoredToken> tokens() {
        return store.tokens();
    }

    public Optional<StoredToken> token(String id) {
        return store.token(id);
    }

    /** @return whether a token not yet revoked had that id */
    public boolean revokeToken(String id) {
        return store.revokeToken(id);
    }

    private static void checkUserName(String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username: '" + name + "' is not a user name (lower-case letters,"
                    + " digits, '-', '.', '_' and '@', at most 63, starting and ending with a letter or digit)");
        }
    }
}
