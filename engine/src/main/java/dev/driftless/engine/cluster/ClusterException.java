package dev.driftless.engine.cluster;

/**
 * A request to the cluster failed, or an object cannot be sent to it. The message names the object and carries the
 * API server's own message, never an object's body.
 */
public class ClusterException extends RuntimeException {

    private final int code;

    public ClusterException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status the API server answered with, or 0 when the request was never answered. */
    public int code() {
        return code;
    }
}
