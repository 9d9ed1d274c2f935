package dev.driftless.store;

import java.time.Instant;

/**
 * One entry of the audit log.
 *
 * @param id          increasing with time
 * @param actor       who: {@code user:<name>}, {@code automated}, …
 * @param action      what, e.g. {@code application.create}, {@code sync}, {@code rollback}
 * @param application the application it concerns, or {@code null}
 */
public record AuditEvent(long id, Instant at, String actor, String action, String application, String message) {
}
