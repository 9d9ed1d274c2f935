package dev.driftless.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftless.store.Store;
import dev.driftless.store.StoreException;
import dev.driftless.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, sessions and tokens over a real store, with a clock the test moves. */
class AccountsTest {

    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path dataDir;

    private final MovingClock clock = new MovingClock();
    private Store store;
    private Accounts accounts;

    @BeforeEach
    void open() {
        store = Store.open(new StoreSettings(dataDir, null, Map.of(), clock));
        accounts = new Accounts(store.accounts(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstAdminIsCreatedOnceWithARandomPassword() {
        String password = accounts.createAdminIfNoUser().orElseThrow();

        assertThat(accounts.createAdminIfNoUser()).isEmpty();
        assertThat(password).hasSize(24);
        assertThat(accounts.checkPassword("admin", password)).contains(Principal.user("admin"));
        assertThat(accounts.checkPassword("admin", password + "x")).isEmpty();
    }

    @Test
    void sessionsExpireAfterTwelveHoursAndEndWhenClosed() {
        accounts.createUser("alice", "alice-password");
        String first = accounts.openSession(Principal.user("alice"));
        String second = accounts.openSession(Principal.user("alice"));

        clock.advance(Accounts.SESSION_LIFETIME.minusMinutes(1));
        assertThat(accounts.principalOf(first)).contains(Principal.user("alice"));
        accounts.closeSession(second);
        assertThat(accounts.principalOf(second)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(accounts.principalOf(first)).isEmpty();
    }

    @Test
    void expiredAndRevokedTokensAreRefused() {
        Principal alice = new Principal("sso:alice@example.com", "alice@example.com", List.of("devs"));
        IssuedToken expiring = accounts.createToken(new TokenRequest(null, null, Duration.ofHours(1), "short"), alice);
        IssuedToken lasting = accounts.createToken(new TokenRequest("team-a", "ci", null, ""), alice);

        assertThat(accounts.principalOf(expiring.value())).contains(new Principal("token:" + expiring.stored().id(),
                "alice@example.com", List.of("devs")));
        assertThat(accounts.principalOf(lasting.value()).orElseThrow().subject()).isEqualTo("proj:team-a:ci");
        clock.advance(Duration.ofHours(1));
        assertThat(accounts.principalOf(expiring.value())).isEmpty();
        assertThat(accounts.revokeToken(lasting.stored().id())).isTrue();
        assertThat(accounts.principalOf(lasting.value())).isEmpty();
        assertThat(accounts.revokeToken(lasting.stored().id())).isFalse();
        assertThat(expiring.toString() + lasting).doesNotContain(expiring.value()).doesNotContain(lasting.value());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        accounts.createUser("bob", "bob-password-1");

        assertThatThrownBy(() -> accounts.changePassword("bob", "wrong-password", "bob-password-2"))
                .hasMessage("currentPassword: does not match");
        assertThatThrownBy(() -> accounts.changePassword("bob", "bob-password-1", "short"))
                .hasMessage("newPassword: at least 8 characters required");
        accounts.changePassword("bob", "bob-password-1", "bob-password-2");
        assertThat(accounts.checkPassword("bob", "bob-password-2")).isPresent();
        assertThatThrownBy(() -> accounts.createUser("bob", "another-password"))
                .isInstanceOf(StoreException.AlreadyExists.class);
    }

    @Test
    void passwordHashesAreSaltedArgon2idWithTheirParameters() {
        String first = PasswordHash.hash("same password");
        String second = PasswordHash.hash("same password");

        assertThat(first).isNotEqualTo(second).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHash.matches("same password", first)).isTrue();
        assertThat(PasswordHash.matches("same passwort", first)).isFalse();
        assertThatThrownBy(() -> PasswordHash.matches("x", "5f4dcc3b5aa765d61d8327deb882cf99"))
                .hasMessage("the stored password hash is not an Argon2id hash in PHC format");
    }
}
