package dev.driftless.notify;

import dev.driftless.engine.app.NotificationTrigger;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an application that people may want to hear about.
 *
 * @param trigger     what happened; sent only if the application's {@code notifyOn} contains it
 * @param application the application's name
 * @param revision    the commit concerned, or empty
 * @param message     a one-line human explanation; must never hold Secret values
 * @param time        when it happened
 */
public record NotificationEvent(NotificationTrigger trigger, String application, String revision, String message,
                                Instant time) {

    public NotificationEvent {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(application, "application");
        revision = revision == null ? "" : revision;
        message = message == null ? "" : message;
        Objects.requireNonNull(time, "time");
    }
}
