package dev.driftless.engine.render;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote base as kustomize writes it, split into the repository to clone, the directory to build and the ref.
 * Accepted forms: {@code https://host/org/repo.git//sub?ref=v1}, {@code https://host/org/repo//sub},
 * {@code git::https://...}, {@code ssh://git@host/org/repo.git//sub}, {@code git@host:org/repo.git//sub},
 * {@code git://host:port/repo.git//sub} and {@code github.com/org/repo/sub} (on GitHub the first two path segments
 * are the repository). Without {@code //}, the repository ends at {@code .git}. Query parameters: {@code ref} or
 * {@code version} (default {@code HEAD}) and {@code timeout} (seconds, or a duration such as {@code 1m30s}).
 *
 * @param repository the URL to clone, without the sub-directory and query
 * @param path       the directory to build inside the repository, empty for its root
 * @param ref        the branch, tag or commit
 * @param timeout    how long a network operation may stall, when the reference sets it
 */
record RemoteBaseReference(String repository, String path, String ref, Optional<Duration> timeout) {

    private static final String DEFAULT_REF = "HEAD";
    private static final Pattern SCHEME_URL = Pattern.compile("^(https?|ssh|git)://([^/?]+)(/[^?]*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCP_LIKE = Pattern.compile("^([^@/:]+@[^/:]+):([^?]*)$");
    private static final Pattern SHORTHAND = Pattern.compile("^([a-z0-9-]+(?:\\.[a-z0-9-]+)+)/([^?]*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");
    private static final List<String> GITHUB = List.of("github.com", "www.github.com");

    /**
     * @throws IllegalArgumentException saying which part of the reference is wrong
     */
    static RemoteBaseReference parse(String reference) {
        String rest = reference.startsWith("git::") ? reference.substring(5) : reference;
        int question = rest.indexOf('?');
        String query = question < 0 ? "" : rest.substring(question + 1);
        String location = question < 0 ? rest : rest.substring(0, question);

        String prefix;
        String host;
        String repositoryAndPath;
        Matcher matcher;
        if ((matcher = SCHEME_URL.matcher(location)).matches()) {
            prefix = matcher.group(1).toLowerCase(Locale.ROOT) + "://" + matcher.group(2) + "/";
            host = matcher.group(2).replaceFirst("^[^@]*@", "").replaceFirst(":\\d+$", "");
            String path = matcher.group(3) == null ? "" : matcher.group(3);
            if (path.startsWith("//")) {
                throw new IllegalArgumentException("names no repository");
            }
            repositoryAndPath = path.isEmpty() ? "" : path.substring(1);
        } else if ((matcher = SCP_LIKE.matcher(location)).matches()) {
            prefix = matcher.group(1) + ":";
            host = matcher.group(1).substring(matcher.group(1).indexOf('@') + 1);
            repositoryAndPath = matcher.group(2);
        } else if ((matcher = SHORTHAND.matcher(location)).matches()) {
            prefix = "https://" + matcher.group(1) + "/";
            host = matcher.group(1);
            repositoryAndPath = matcher.group(2);
        } else {
            throw new IllegalArgumentException("not a Git URL kustomize understands (https://, ssh://, git://,"
                    + " git@host:path or github.com/org/repo)");
        }

        String[] split = splitRepository(repositoryAndPath, GITHUB.contains(host.toLowerCase(Locale.ROOT)));
        if (split[0].isEmpty()) {
            throw new IllegalArgumentException("names no repository");
        }
        String path = split[1].replaceAll("^/+|/+$", "");
        if (Arrays.asList(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("the directory '" + path + "' leaves the repository");
        }
        Query parameters = Query.parse(query);
        return new RemoteBaseReference(prefix + split[0], path, parameters.ref(), parameters.timeout());
    }

    /** The repository part and the directory part of a path: at {@code //}, else after {@code .git}. */
    private static String[] splitRepository(String repositoryAndPath, boolean github) {
        int doubleSlash = repositoryAndPath.indexOf("//");
        if (doubleSlash >= 0) {
            return new String[] {repositoryAndPath.substring(0, doubleSlash), repositoryAndPath.substring(doubleSlash + 2)};
        }
        Matcher dotGit = Pattern.compile("\\.git(?=/|$)").matcher(repositoryAndPath);
        if (dotGit.find()) {
            return new String[] {repositoryAndPath.substring(0, dotGit.end()), repositoryAndPath.substring(dotGit.end())};
        }
        if (github) {
            String[] segments = repositoryAndPath.split("/", 3);
            if (segments.length >= 2) {
                return new String[] {segments[0] + "/" + segments[1], segments.length == 3 ? segments[2] : ""};
            }
        }
        return new String[] {repositoryAndPath.replaceAll("/+$", ""), ""};
    }

    private record Query(String ref, Optional<Duration> timeout) {

        static Query parse(String query) {
            String ref = null;
            Optional<Duration> timeout = Optional.empty();
            for (String parameter : query.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "ref", "version" -> {
                        if (ref != null) {
                            throw new IllegalArgumentException("gives the ref twice (ref and version)");
                        }
                        ref = value;
                    }
                    case "timeout" -> timeout = Optional.of(duration(value));
                    default -> throw new IllegalArgumentException("has the unsupported query parameter '" + name
                            + "' (supported: ref, version, timeout)");
                }
            }
            return new Query(ref == null || ref.isEmpty() ? DEFAULT_REF : ref, timeout);
        }

        private static Duration duration(String value) {
            Matcher matcher = DURATION.matcher(value);
            if (value.matches("\\d+")) {
                return positive(Duration.ofSeconds(Long.parseLong(value)));
            }
            if (value.isEmpty() || !matcher.matches()) {
                throw new IllegalArgumentException("has a timeout that is neither seconds nor a duration like 1m30s");
            }
            return positive(Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                    .plusSeconds(number(matcher.group(3))));
        }

        private static Duration positive(Duration timeout) {
            if (timeout.isZero()) {
                throw new IllegalArgumentException("has a zero timeout");
            }
            return timeout;
        }

        private static long number(String digits) {
            return digits == null ? 0 : Long.parseLong(digits);
        }
    }
}
