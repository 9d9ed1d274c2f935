package dev.driftless.cli;

/** A file or value given on the command line is unusable; the message names it and says why. */
final class InputException extends RuntimeException {
    InputException(String message) {
        super(message);
    }
}
