package dev.driftless.engine.reconcile;

import java.time.Instant;
import java.util.Objects;

/**
 * How the last poll of a repository went.
 *
 * @param at      when it ended
 * @param failure why it failed, as {@link dev.driftless.engine.source.SourceException} says (no credentials); empty
 *                when it succeeded
 */
public record RepositoryPoll(Instant at, String failure) {

    public RepositoryPoll {
        Objects.requireNonNull(at, "at");
        failure = Objects.requireNonNullElse(failure, "");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
