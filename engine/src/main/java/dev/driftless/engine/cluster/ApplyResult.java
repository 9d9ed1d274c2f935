package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * What one apply did, and the object as the API server answered it: the created, patched or applied object, or the
 * live object read when nothing differed. A compare right after the write can use it instead of reading the object
 * again. It may hold Secret values, so {@link #toString()} leaves the object out.
 *
 * @param live empty only when the server's answer carried no object
 */
public record ApplyResult(ApplyOutcome outcome, Optional<ObjectNode> live) {

    public ApplyResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(live, "live");
    }

    @Override
    public String toString() {
        return "ApplyResult[outcome=" + outcome + ", live=" + (live.isPresent() ? "<object>" : "none") + "]";
    }
}
