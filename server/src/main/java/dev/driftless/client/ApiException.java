package dev.driftless.client;

/**
 * The server answered with an error status (or with an answer the API does not describe); the message is the
 * server's {@code {"error"}} text.
 */
public final class ApiException extends ClientException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    /** The HTTP status the server answered with. */
    public int status() {
        return status;
    }

    /** A 4xx answer: the request was wrong (bad definition, unknown name, missing or wrong token, conflict). */
    public boolean clientError() {
        return status >= 400 && status < 500;
    }
}
