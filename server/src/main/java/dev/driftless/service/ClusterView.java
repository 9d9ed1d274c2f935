package dev.driftless.service;

import java.util.Map;
import java.util.Objects;

/**
 * A cluster as the API shows it: never its credentials.
 *
 * @param applications how many applications deploy to it
 * @param connection   what the service's last request to its API server found
 * @param message      why it failed, or what is known; empty when there is nothing to say
 */
public record ClusterView(String name, String server, Map<String, String> labels, boolean sandbox, Origin origin,
                          int applications, Connection connection, String message) {

    /** Whether the API server answered the service's last request. */
    public enum Connection { CONNECTED, FAILED, UNKNOWN }

    public ClusterView {
        Objects.requireNonNull(connection, "connection");
        message = Objects.requireNonNullElse(message, "");
    }

    /** A cluster not contacted yet, used by no application. */
    public ClusterView(String name, String server, Map<String, String> labels, boolean sandbox, Origin origin) {
        this(name, server, labels, sandbox, origin, 0, Connection.UNKNOWN, "");
    }

    ClusterView withApplications(int count) {
        return new ClusterView(name, server, labels, sandbox, origin, count, connection, message);
    }

    ClusterView withConnection(Connection now, String why) {
        return new ClusterView(name, server, labels, sandbox, origin, applications, now, why);
    }
}
