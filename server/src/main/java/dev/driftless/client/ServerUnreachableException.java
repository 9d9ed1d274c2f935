package dev.driftless.client;

/** No answer came from the server: refused connection, unknown host, timeout. The message names the server URL. */
public final class ServerUnreachableException extends ClientException {

    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
