package dev.driftless.notify;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where notifications go ({@code kind: NotificationChannel}). The URL is a secret (a Slack incoming webhook URL
 * grants posting rights by its path alone) and header values may be too: {@code toString()} and
 * {@link #safeTarget()} show only the scheme, host and port, and header names.
 *
 * @param name    unique name
 * @param type    the payload format
 * @param url     an absolute {@code http} or {@code https} URL
 * @param headers extra request headers, e.g. an {@code Authorization} for a generic webhook
 */
public record ChannelSpec(String name, Type type, URI url, Map<String, String> headers) {

    /** Payload formats. */
    public enum Type {
        /** JSON describing the event, for any receiver. */
        WEBHOOK,
        /** A Slack-compatible incoming webhook message. */
        SLACK
    }

    public ChannelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || url.getHost() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("channel " + name + " needs an absolute http(s) URL with a host");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The URL without its path and query, which may be the secret part; safe for logs. */
    public String safeTarget() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "ChannelSpec[name=" + name + ", type=" + type + ", url=" + safeTarget() + "/***, headers="
                + new TreeMap<>(headers).keySet() + "]";
    }
}
