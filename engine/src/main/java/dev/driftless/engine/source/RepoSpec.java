package dev.driftless.engine.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Git repository and how to authenticate to it. The URL is an HTTP(S), {@code git://} or {@code ssh://} URL, an
 * scp-like {@code user@host:path}, a {@code file://} URL or a local path. A password embedded in the URL
 * ({@code https://user:password@host/repo}) is moved into {@link GitCredentials.Basic}, so the URL this record
 * holds, prints and puts into messages never carries a secret.
 */
public record RepoSpec(String url, GitCredentials credentials) {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?[^/:]+:.*");

    public RepoSpec {
        if (url == null || url.isBlank()) {
            throw new SourceException("Repository URL is empty");
        }
        url = url.strip();
        if (credentials == null) {
            credentials = new GitCredentials.None();
        }
        UserInfo userInfo = UserInfo.of(url);
        if (userInfo.password() != null) {
            if (!(credentials instanceof GitCredentials.None)) {
                throw new SourceException("Repository " + userInfo.urlWithoutPassword()
                        + " has a password in its URL and separate credentials; give only one");
            }
            credentials = new GitCredentials.Basic(userInfo.user(), userInfo.password());
            url = userInfo.urlWithoutPassword();
        }
        if (credentials instanceof GitCredentials.SshKey && !isSsh(url)) {
            throw new SourceException("Repository " + url + " is not an SSH URL but has SSH key credentials");
        }
        if (credentials instanceof GitCredentials.SshKey key && key.privateKey() == null) {
            throw new SourceException("Repository " + url + " has SSH key credentials without a private key file");
        }
    }

    public static RepoSpec anonymous(String url) {
        return new RepoSpec(url, new GitCredentials.None());
    }

    /**
     * The name of this repository's mirror directory: a hash of the URL with user name, trailing slashes and
     * {@code .git} removed, scheme and host in lower case, and local paths made absolute, so that spellings of the
     * same repository share one mirror.
     */
    public String mirrorName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalisedUrl().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    String normalisedUrl() {
        String normalised;
        if (isLocalPath(url)) {
            normalised = "file://" + Path.of(url).toAbsolutePath().normalize();
        } else if (url.regionMatches(true, 0, "file://", 0, 7)) {
            normalised = "file://" + Path.of(URI.create(url)).toAbsolutePath().normalize();
        } else if (SCHEME.matcher(url).matches()) {
            normalised = normaliseUri(url);
        } else {
            String hostAndPath = url.substring(url.indexOf('@') + 1);
            int colon = hostAndPath.indexOf(':');
            normalised = "ssh://" + hostAndPath.substring(0, colon).toLowerCase(Locale.ROOT) + "/"
                    + hostAndPath.substring(colon + 1);
        }
        return stripGitSuffix(normalised);
    }

    private static String normaliseUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new SourceException("Repository URL " + url + " is not a valid URL: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new SourceException("Repository URL " + url + " has no host");
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port
                + uri.getRawPath();
    }

    private static String stripGitSuffix(String url) {
        String stripped = url.replaceAll("/+$", "");
        return stripped.endsWith(".git") ? stripped.substring(0, stripped.length() - 4) : stripped;
    }

    static boolean isLocalPath(String url) {
        return !SCHEME.matcher(url).matches() && !SCP_LIKE.matcher(url).matches();
    }

    private static boolean isSsh(String url) {
        return url.regionMatches(true, 0, "ssh://", 0, 6)
                || (!SCHEME.matcher(url).matches() && SCP_LIKE.matcher(url).matches());
    }

    private record UserInfo(String user, String password, String urlWithoutPassword) {

        /** The password runs to the last {@code @} of the authority, so an unencoded {@code @} in it is still hidden. */
        private static final Pattern WITH_PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:]*):([^/]*)@(.*)$");

        static UserInfo of(String url) {
            var matcher = WITH_PASSWORD.matcher(url);
            if (!matcher.matches()) {
                return new UserInfo(null, null, url);
            }
            String user = decode(matcher.group(2));
            return new UserInfo(user, decode(matcher.group(3)),
                    matcher.group(1) + (user.isEmpty() ? "" : matcher.group(2) + "@") + matcher.group(4));
        }

        private static String decode(String part) {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
