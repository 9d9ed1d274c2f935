package dev.driftless.engine.reconcile;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells whether two spellings name the same repository, as webhooks and application definitions spell them
 * differently: {@code https://GitHub.com/org/app.git}, {@code ssh://git@github.com/org/app} and
 * {@code git@github.com:org/app} are one repository. Pure.
 */
public final class RepositoryUrls {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ssh", 22, "git", 9418);
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^/:]+):(.*)$");

    private RepositoryUrls() {
    }

    /**
     * The identity of a repository URL: host in lower case (with a non-default port) and path, without scheme,
     * user, trailing slashes or {@code .git}; for a local path or {@code file://} URL, {@code file:} and the
     * absolute path.
     */
    public static String identity(String url) {
        String trimmed = url.strip();
        String identity;
        if (trimmed.regionMatches(true, 0, "file://", 0, 7)) {
            identity = "file:" + Path.of(URI.create(trimmed)).toAbsolutePath().normalize();
        } else if (SCHEME.matcher(trimmed).matches()) {
            identity = ofUri(trimmed);
        } else {
            var scp = SCP_LIKE.matcher(trimmed);
            identity = scp.matches() && !trimmed.startsWith("/")
                    ? scp.group(1).toLowerCase(Locale.ROOT) + "/" + scp.group(2).replaceAll("^/+", "")
                    : "file:" + Path.of(trimmed).toAbsolutePath().normalize();
        }
        String stripped = identity.replaceAll("/+$", "");
        return stripped.endsWith(".git") ? stripped.substring(0, stripped.length() - 4) : stripped;
    }

    public static boolean sameRepository(String first, String second) {
        return identity(first).equals(identity(second));
    }

    private static String ofUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository URL " + url + " is not a valid URL: " + e.getMessage(), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("repository URL " + url + " has no host");
        }
        boolean defaultPort = uri.getPort() < 0
                || uri.getPort() == DEFAULT_PORTS.getOrDefault(uri.getScheme().toLowerCase(Locale.ROOT), -1);
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort())
                + uri.getRawPath().replaceAll("^/*", "/");
    }
}
