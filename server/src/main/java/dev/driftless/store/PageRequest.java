package dev.driftless.store;

/**
 * Which page of a list to read.
 *
 * @param limit  at most this many items, 1 to {@value #MAX_LIMIT}
 * @param offset items skipped before the page starts
 */
public record PageRequest(int limit, int offset) {

    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0);
    }
}
