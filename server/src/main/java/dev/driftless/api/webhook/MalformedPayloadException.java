package dev.driftless.api.webhook;

/** A payload that is valid JSON but lacks a field a push needs; the message names the field. */
final class MalformedPayloadException extends Exception {

    MalformedPayloadException(String message) {
        super(message);
    }
}
