package dev.driftless.store;

import java.util.Map;

/**
 * A filtered page of stored applications, ordered by name.
 *
 * @param nameContains part of the name, case-insensitive; {@code null} or empty for any
 * @param project      exact project; {@code null} for any
 * @param labels       labels every application must have with these values; empty for any
 * @param page         which page
 */
public record ApplicationQuery(String nameContains, String project, Map<String, String> labels, PageRequest page) {

    public ApplicationQuery {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        page = page == null ? PageRequest.first(PageRequest.MAX_LIMIT) : page;
    }

    /** Everything, one page of {@code limit}. */
    public static ApplicationQuery all(int limit) {
        return new ApplicationQuery(null, null, Map.of(), PageRequest.first(limit));
    }
}
