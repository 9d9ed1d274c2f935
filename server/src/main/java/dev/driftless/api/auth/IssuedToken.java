package dev.driftless.api.auth;

import dev.driftless.store.StoredToken;

/**
 * A token just created: its value, shown this once, and what is stored about it.
 *
 * @param value the token; never shown by {@link #toString()}
 */
public record IssuedToken(String value, StoredToken stored) {

    @Override
    public String toString() {
        return "IssuedToken[" + stored + "]";
    }
}
