package dev.driftless.engine.source;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which repository URLs a shared service may fetch. A service that fetches whatever URL a user gives can be made to
 * read its own files ({@code file://}, local paths) or to reach addresses only it can reach (server-side request
 * forgery): loopback, link-local (169.254.0.0/16, where clouds serve instance credentials, and fe80::/10) and the
 * unspecified address, which connects to the local host. Those are refused unless local repositories are allowed.
 * A host name is checked by every address it resolves to, so a name pointing at a local address is refused too; the
 * Git adapter checks again right before each network operation, since the name may resolve differently by then.
 *
 * <p>A host that does not resolve is not refused here: the fetch fails with its own error.
 *
 * @param allowLocal  whether local repositories are allowed (the one-shot CLI and tests; {@code serve} with
 *                    {@code --allow-local-repositories})
 * @param exceptions  repository URLs allowed even when local ones are not, such as the sandbox's example repository;
 *                    compared in normalised form
 * @param resolver    how host names become addresses
 */
public record RepositoryUrlPolicy(boolean allowLocal, Set<String> exceptions, Resolver resolver) {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final String HOW_TO_ALLOW =
            "; an administrator can allow local repositories with driftless serve --allow-local-repositories";

    /** Allows every URL: the engine's default, for the one-shot CLI and libraries. */
    public static final RepositoryUrlPolicy ALLOW_ALL = new RepositoryUrlPolicy(true, Set.of(), Resolver.SYSTEM);

    /** Resolves a host name to all of its addresses. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public RepositoryUrlPolicy {
        exceptions = exceptions.stream().map(RepositoryUrlPolicy::normalised).collect(Collectors.toUnmodifiableSet());
    }

    /** Refuses local repositories, resolving host names with the system's resolver. */
    public static RepositoryUrlPolicy refusingLocal() {
        return new RepositoryUrlPolicy(false, Set.of(), Resolver.SYSTEM);
    }

    /** The same policy, also allowing {@code url} however local it is. */
    public RepositoryUrlPolicy allowing(String url) {
        Set<String> allowed = new HashSet<>(exceptions);
        allowed.add(url);
        return new RepositoryUrlPolicy(allowLocal, allowed, resolver);
    }

    /**
     * Fails when the policy refuses the URL.
     *
     * @throws SourceException naming the URL and the reason
     */
    public void check(String url) {
        refusal(url).ifPresent(reason -> {
            throw new SourceException("Repository URL " + RepoSpec.anonymous(url).url() + " refused: " + reason
                    + HOW_TO_ALLOW);
        });
    }

    /** Why the policy refuses the URL, or empty when it allows it. */
    public Optional<String> refusal(String url) {
        if (allowLocal || exceptions.contains(normalised(url))) {
            return Optional.empty();
        }
        String stripped = url.strip();
        if (RepoSpec.isLocalPath(stripped)) {
            return Optional.of("it is a path on the service's own file system");
        }
        if (stripped.regionMatches(true, 0, "file://", 0, 7)) {
            return Optional.of("file:// URLs read the service's own file system");
        }
        String host = host(stripped);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(withoutZone(host));
        } catch (UnknownHostException unresolved) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = localKind(address);
            if (kind.isPresent()) {
                String resolved = address.getHostAddress();
                return Optional.of("host " + host + (bare(host).equalsIgnoreCase(resolved) ? "" : " resolves to "
                        + resolved + ", which") + " is " + kind.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> localKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (such as a cloud metadata service)");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address, which reaches the service's own host");
        }
        return Optional.empty();
    }

    /** The host of a URL with a scheme, or of an scp-like {@code user@host:path}; IPv6 literals keep their brackets. */
    private static String host(String url) {
        if (SCHEME.matcher(url).matches()) {
            try {
                String host = new URI(url).getHost();
                if (host == null) {
                    throw new SourceException("Repository URL " + RepoSpec.anonymous(url).url() + " has no host");
                }
                return host;
            } catch (URISyntaxException e) {
                throw new SourceException("Repository URL " + RepoSpec.anonymous(url).url() + " is not a valid URL: "
                        + e.getReason());
            }
        }
        String hostAndPath = url.substring(url.indexOf('@') + 1);
        return hostAndPath.substring(0, hostAndPath.indexOf(':'));
    }

    /** An IPv6 zone ({@code %eth0}) names an interface of this host, which may not exist here; the address decides. */
    private static String withoutZone(String host) {
        int zone = host.indexOf('%');
        return zone < 0 ? host : host.substring(0, zone) + (host.startsWith("[") ? "]" : "");
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String normalised(String url) {
        return RepoSpec.anonymous(url).normalisedUrl();
    }
}
