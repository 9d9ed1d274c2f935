package dev.driftless.engine.render.sops;

/**
 * A SOPS file cannot be decrypted. The message names the file and the reason (which keys it was encrypted for, a
 * failed MAC, a malformed value and its path in the document) and never holds a decrypted value or key material.
 */
public class SopsException extends RuntimeException {

    public SopsException(String message) {
        super(message);
    }

    public SopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
