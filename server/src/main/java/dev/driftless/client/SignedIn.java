package dev.driftless.client;

/**
 * The answer to signing in: who, and the session token the CLI keeps.
 *
 * @param token the session token; never shown by {@link #toString()}
 */
public record SignedIn(String user, String actor, String token) {

    @Override
    public String toString() {
        return "SignedIn[user=" + user + ", actor=" + actor + "]";
    }
}
