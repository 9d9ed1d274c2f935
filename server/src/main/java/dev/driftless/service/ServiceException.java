package dev.driftless.service;

/** A request the service refuses; the message says why and names the field where there is one. */
public sealed class ServiceException extends RuntimeException {

    ServiceException(String message) {
        super(message);
    }

    public static final class NotFound extends ServiceException {
        public NotFound(String message) {
            super(message);
        }
    }

    public static final class Conflict extends ServiceException {
        public Conflict(String message) {
            super(message);
        }
    }

    public static final class Invalid extends ServiceException {
        public Invalid(String message) {
            super(message);
        }
    }
}
