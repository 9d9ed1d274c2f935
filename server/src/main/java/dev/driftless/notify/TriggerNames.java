package dev.driftless.notify;

import dev.driftless.engine.app.NotificationTrigger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The names triggers have in configuration and payloads: {@code sync-succeeded}, {@code drift-detected}, ... */
public final class TriggerNames {

    private TriggerNames() {
    }

    public static String of(NotificationTrigger trigger) {
        return trigger.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<NotificationTrigger> parse(String name) {
        return Arrays.stream(NotificationTrigger.values()).filter(trigger -> of(trigger).equals(name)).findFirst();
    }

    /** Every name, comma separated, for error messages. */
    public static String all() {
        return String.join(", ", Arrays.stream(NotificationTrigger.values()).map(TriggerNames::of).toList());
    }
}
