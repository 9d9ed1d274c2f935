package dev.driftless.store;

import java.util.List;
import java.util.Objects;

/**
 * A filtered page of the audit log, newest first.
 *
 * @param application only events of this application; {@code null} for all
 * @param actor       only events by this actor; {@code null} for all
 * @param actions     only events with one of these actions; empty for all
 * @param text        only events whose message or actor contains this, ignoring case; {@code null} for all
 */
public record EventQuery(String application, String actor, List<String> actions, String text, PageRequest page) {

    public EventQuery {
        actions = List.copyOf(Objects.requireNonNullElse(actions, List.of()));
        text = text == null || text.isEmpty() ? null : text;
        page = page == null ? PageRequest.first(PageRequest.MAX_LIMIT) : page;
    }

    public EventQuery(String application, String actor, PageRequest page) {
        this(application, actor, List.of(), null, page);
    }
}
