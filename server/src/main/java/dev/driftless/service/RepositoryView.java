package dev.driftless.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository as the API shows it: credentials by URL prefix (the kind and user name, never the secret), or a
 * repository applications use without credentials ({@link Origin#INFERRED}, type {@code none}).
 *
 * @param applications how many applications have a repoURL the prefix matches
 * @param poll         how the last polls of the repositories it covers went
 * @param message      why the last poll failed; empty otherwise
 * @param lastPolledAt when one of them was last polled; empty before the first poll
 */
public record RepositoryView(String urlPrefix, String type, String username, Origin origin, int applications,
                             PollState poll, String message, Optional<Instant> lastPolledAt) {

    /** Failed when the last poll of any repository it covers failed; Unknown before the first poll. */
    public enum PollState { OK, FAILED, UNKNOWN }

    public RepositoryView {
        Objects.requireNonNull(poll, "poll");
        message = Objects.requireNonNullElse(message, "");
        lastPolledAt = Objects.requireNonNullElse(lastPolledAt, Optional.empty());
    }

    /** Credentials used by no application, never polled. */
    public RepositoryView(String urlPrefix, String type, String username, Origin origin) {
        this(urlPrefix, type, username, origin, 0, PollState.UNKNOWN, "", Optional.empty());
    }
}
