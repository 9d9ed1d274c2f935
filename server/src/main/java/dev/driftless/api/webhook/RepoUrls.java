package dev.driftless.api.webhook;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares repository URLs written in different forms (HTTPS, SSH, scp-like, with or without {@code .git}). */
public final class RepoUrls {

    private static final Pattern WITH_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^/:]+)(?::\\d+)?(/.*)?$");
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^/:]+):(.*)$");

    private RepoUrls() {
    }

    /**
     * The URL reduced to {@code host/path}: scheme, user (and any password), port, trailing slash and {@code .git}
     * dropped, lower-cased. Lower-casing can make two repositories that differ only by case look the same; the cost
     * is a needless refresh, while missing a match would leave an application stale.
     */
    public static String normalise(String url) {
        String trimmed = url.strip();
        Matcher withScheme = WITH_SCHEME.matcher(trimmed);
        Matcher scpLike = SCP_LIKE.matcher(trimmed);
        String hostAndPath;
        if (withScheme.matches()) {
            hostAndPath = withScheme.group(1) + (withScheme.group(2) == null ? "" : withScheme.group(2));
        } else if (scpLike.matches()) {
            hostAndPath = scpLike.group(1) + "/" + scpLike.group(2);
        } else {
            hostAndPath = trimmed;
        }
        String lower = hostAndPath.toLowerCase(Locale.ROOT);
        while (lower.endsWith("/")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        return lower.endsWith(".git") ? lower.substring(0, lower.length() - ".git".length()) : lower;
    }
}
