package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

/** A live object has a field whose shape a health check cannot read. The message names the field, never its value. */
final class MalformedStatusException extends RuntimeException {

    MalformedStatusException(String message) {
        super(message);
    }

    static MalformedStatusException wrongType(String path, String expected, JsonNode found) {
        return new MalformedStatusException(path + " must be " + expected + " but is " + describe(found));
    }

    /** Names the JSON type only: values are left out because a live object may be a Secret. */
    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BINARY -> "binary data";
            case NULL, MISSING -> "absent";
        };
    }
}
