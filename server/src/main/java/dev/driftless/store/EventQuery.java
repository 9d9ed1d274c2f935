package dev.driftless.store;

/**
 * A filtered page of the audit log, newest first.
 *
 * @param application only events of this application; {@code null} for all
 * @param actor       only events by this actor; {@code null} for all
 */
public record EventQuery(String application, String actor, PageRequest page) {

    public EventQuery {
        page = page == null ? PageRequest.first(PageRequest.MAX_LIMIT) : page;
    }
}
