package dev.driftless.service;

import java.util.List;

/** One page of the filtered application list; {@code total} counts every match. */
public record ApplicationPage(List<ApplicationView> items, long total, int offset, int limit) {

    public ApplicationPage {
        items = List.copyOf(items);
    }
}
