package dev.driftless.client;

import java.util.List;

/** A page of applications; {@code total} counts every application the filters match. */
public record ApplicationPage(List<ApplicationSummary> items, int total, int offset, int limit) {

    public ApplicationPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
