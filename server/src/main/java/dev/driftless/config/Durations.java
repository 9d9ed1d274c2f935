package dev.driftless.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Argo CD and Go write them: {@code 500ms}, {@code 5s}, {@code 3m}, {@code 1h30m}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or {@code null} when the text is not one. */
    public static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return total;
    }

    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
