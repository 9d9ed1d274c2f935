package dev.driftless.engine.app;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Glob matching as Argo CD does it for projects and sync windows: {@code *} matches any run of characters (slashes
 * included), {@code ?} one character; everything else is literal.
 */
public final class Globs {

    private Globs() {
    }

    public static boolean matches(String glob, String text) {
        return pattern(glob).matcher(text).matches();
    }

    /**
     * Whether {@code text} is allowed by a list of globs where a {@code !} prefix denies: it must match a plain glob
     * and no negated one. Deny by default: a list of negations only allows nothing.
     */
    public static boolean allowedBy(List<String> globs, String text) {
        return globs.stream().noneMatch(glob -> glob.startsWith("!") && matches(glob.substring(1), text))
                && globs.stream().anyMatch(glob -> !glob.startsWith("!") && matches(glob, text));
    }

    private static Pattern pattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString());
    }
}
