package dev.driftless.client;

/** A call to the Driftless API failed; the message never contains the API token or any other credential. */
public sealed abstract class ClientException extends RuntimeException permits ApiException, ServerUnreachableException {

    ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
