package dev.driftless.service;

import java.util.List;
import java.util.Map;

/**
 * One page of the filtered application list; {@code total} counts every match.
 *
 * @param counts how many applications match every filter but the sync and health ones, by sync and by health
 *               status, so a list can show what choosing a status would give
 */
public record ApplicationPage(List<ApplicationView> items, long total, int offset, int limit, StatusCounts counts) {

    /**
     * Applications by sync status name (Synced, OutOfSync, Unknown) and by health status name (Healthy, …); every
     * status is present, with 0 when none has it.
     */
    public record StatusCounts(Map<String, Long> sync, Map<String, Long> health) {

        public StatusCounts {
            sync = Map.copyOf(sync);
            health = Map.copyOf(health);
        }
    }

    public ApplicationPage {
        items = List.copyOf(items);
    }
}
