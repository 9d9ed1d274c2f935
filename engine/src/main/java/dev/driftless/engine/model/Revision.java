package dev.driftless.engine.model;

import java.time.Instant;

/**
 * A resolved Git commit and the metadata Driftless records with every operation.
 *
 * @param requested what the user asked for (branch, tag, SHA or {@code HEAD})
 * @param sha       the full 40-character commit id it resolved to
 */
public record Revision(String requested, String sha, Person author, Person committer, Instant commitTime, String message) {

    public record Person(String name, String email, Instant when) {
    }

    public String shortSha() {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
