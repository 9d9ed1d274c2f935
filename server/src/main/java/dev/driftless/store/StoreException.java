package dev.driftless.store;

/** The store could not be opened, read or written. Messages never contain secrets or database passwords. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creating something whose name (or URL prefix) is already taken. */
    public static final class AlreadyExists extends StoreException {
        public AlreadyExists(String message) {
            super(message);
        }
    }

    /** Changing something that does not exist. */
    public static final class NotFound extends StoreException {
        public NotFound(String message) {
            super(message);
        }
    }
}
