package dev.driftless.store;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items on this page
 * @param total how many items match the filter across all pages
 */
public record Page<T>(List<T> items, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
