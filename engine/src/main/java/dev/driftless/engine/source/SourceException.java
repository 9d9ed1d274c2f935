package dev.driftless.engine.source;

/** A Git operation failed. The message names the repository URL (without credentials) and the revision. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
