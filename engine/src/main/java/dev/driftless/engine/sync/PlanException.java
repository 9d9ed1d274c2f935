package dev.driftless.engine.sync;

/** The desired objects cannot be planned; the message names the object, its origin and the reason. */
public final class PlanException extends RuntimeException {

    public PlanException(String message) {
        super(message);
    }
}
