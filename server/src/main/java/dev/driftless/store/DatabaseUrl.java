package dev.driftless.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A database to connect to, with the credentials taken out of the URL so that the URL itself can be logged.
 * {@code toString()} never shows the password.
 *
 * @param jdbcUrl  the JDBC URL without user or password
 * @param user     {@code null} when the URL names none
 * @param password {@code null} when neither the URL nor {@value StoreSettings#PASSWORD_VARIABLE} gives one
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

    /**
     * H2 options: PostgreSQL mode so one set of migrations serves both databases; the store, not a JVM shutdown
     * hook, closes the database; a writer waits for a row lock instead of failing at once; and every commit is on
     * disk before it returns (WRITE_DELAY=0): H2 otherwise writes commits up to half a second later, so a killed
     * service would lose the history of the operation it was running.
     */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";

    static DatabaseUrl resolve(StoreSettings settings) {
        String url = settings.databaseUrl();
        String passwordVariable = settings.environment().get(StoreSettings.PASSWORD_VARIABLE);
        if (url == null || url.isBlank()) {
            return h2In(settings.dataDir());
        }
        url = url.strip();
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return fromPostgresUri(url, passwordVariable);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return fromJdbcPostgres(url, passwordVariable);
        }
        if (url.startsWith("jdbc:h2:")) {
            return new DatabaseUrl(url, null, passwordVariable);
        }
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "(none)" : url.substring(0, colon);
        throw new StoreException("database URL: unsupported scheme '" + scheme
                + "'; use postgresql://user@host:port/database, jdbc:postgresql://host:port/database,"
                + " or leave it unset for H2 in the data directory");
    }

    static DatabaseUrl h2In(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("driftless").toString();
        if (file.contains(";")) {
            throw new StoreException("data directory " + dataDir + ": an H2 database path cannot contain ';'");
        }
        return new DatabaseUrl("jdbc:h2:file:" + file + H2_OPTIONS, null, null);
    }

    private static DatabaseUrl fromPostgresUri(String url, String passwordVariable) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The message of URISyntaxException repeats the input, password included; its reason does not.
            throw new StoreException("database URL is not a valid URI: " + e.getReason()
                    + " at index " + e.getIndex() + " (percent-encode special characters in the password)");
        }
        if (uri.getHost() == null) {
            throw new StoreException("database URL names no host; expected postgresql://user@host:port/database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        return withQuery(jdbc.toString(), uri.getRawQuery(), user, password, passwordVariable);
    }

    private static DatabaseUrl fromJdbcPostgres(String url, String passwordVariable) {
        int question = url.indexOf('?');
        return question < 0
                ? withQuery(url, null, null, null, passwordVariable)
                : withQuery(url.substring(0, question), url.substring(question + 1), null, null, passwordVariable);
    }

    /** Moves {@code user} and {@code password} query parameters out of the URL; keeps the others. */
    private static DatabaseUrl withQuery(String base, String rawQuery, String user, String password,
                                         String passwordVariable) {
        List<String> kept = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String parameter : rawQuery.split("&")) {
                String[] pair = parameter.split("=", 2);
                String value = pair.length > 1 ? decode(pair[1]) : "";
                switch (pair[0]) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> kept.add(parameter);
                }
            }
        }
        String jdbcUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return new DatabaseUrl(jdbcUrl, user, password != null ? password : passwordVariable);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    boolean h2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** What to show people: the URL and the user, never the password. */
    String describe() {
        return user == null ? jdbcUrl : jdbcUrl + " as " + user;
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + (password == null ? "" : ", password=***") + "]";
    }
}
