package dev.driftless.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A local user: the name and the encoded Argon2id hash of the password.
 *
 * @param passwordHash the encoded hash with its parameters and salt; never shown by {@link #toString()}
 */
public record StoredUser(String name, String passwordHash, Instant createdAt) {

    public StoredUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "StoredUser[name=" + name + ", createdAt=" + createdAt + "]";
    }
}
