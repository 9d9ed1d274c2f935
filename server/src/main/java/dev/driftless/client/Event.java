package dev.driftless.client;

import java.time.Instant;

/** One entry of the event and audit log. */
public record Event(Instant time, String actor, String action, String application, String message) {
}
