package dev.driftless.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A filtered page of the audit log, newest first.
 *
 * @param application only events of this application; {@code null} for all
 * @param actor       only events by this actor; {@code null} for all
 * @param actions     only events with one of these actions; empty for all
 * @param result      only events with this result, or whose result starts with it and a colon ({@code failed}
 *                    matches {@code failed: <reason>}); {@code null} for all
 * @param text        only events whose message or actor contains this, ignoring case; {@code null} for all
 * @param since       only events at or after this time; {@code null} for no lower bound
 * @param until       only events before this time; {@code null} for no upper bound
 */
public record EventQuery(String application, String actor, List<String> actions, String result, String text,
                         Instant since, Instant until, PageRequest page) {

    public EventQuery {
        actions = List.copyOf(Objects.requireNonNullElse(actions, List.of()));
        result = result == null || result.isEmpty() ? null : result;
        text = text == null || text.isEmpty() ? null : text;
        page = page == null ? PageRequest.first(PageRequest.MAX_LIMIT) : page;
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    public EventQuery(String application, String actor, List<String> actions, String text, PageRequest page) {
        this(application, actor, actions, null, text, null, null, page);
    }

    public EventQuery(String application, String actor, PageRequest page) {
        this(application, actor, List.of(), null, page);
    }
}
