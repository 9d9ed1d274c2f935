package dev.driftless.engine.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Strict readers for fields of a live object, addressed by dotted paths such as {@code status.readyReplicas}.
 * An absent or null field takes the default Kubernetes gives it (zero, empty, false); a field of the wrong type is an
 * error naming the path, so that a broken status reads as Unknown rather than as a plausible number.
 */
final class Fields {

    private Fields() {
    }

    /** The node at a dotted path; a numeric segment indexes an array, as in {@code status.containerStatuses.0.name}. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.")) {
            node = node.isArray() && segment.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(segment))
                    : node.path(segment);
        }
        return node;
    }

    static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    static long integer(JsonNode root, String path) {
        return optionalInteger(root, path).orElse(0);
    }

    static OptionalLong optionalInteger(JsonNode root, String path) {
        JsonNode node = at(root, path);
        if (!present(node)) {
            return OptionalLong.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw MalformedStatusException.wrongType(path, "an integer", node);
        }
        return OptionalLong.of(node.longValue());
    }

    static String text(JsonNode root, String path) {
        return asText(at(root, path), path);
    }

    /** Reads a node already found, {@code path} naming it in errors. */
    static String asText(JsonNode node, String path) {
        if (!present(node)) {
            return "";
        }
        if (!node.isTextual()) {
            throw MalformedStatusException.wrongType(path, "a string", node);
        }
        return node.textValue();
    }

    static boolean bool(JsonNode root, String path) {
        JsonNode node = at(root, path);
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw MalformedStatusException.wrongType(path, "a boolean", node);
        }
        return node.booleanValue();
    }

    static List<JsonNode> objects(JsonNode root, String path) {
        return asObjects(at(root, path), path);
    }

    /** The elements of an array of objects found at {@code path}; an absent array is empty. */
    static List<JsonNode> asObjects(JsonNode node, String path) {
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw MalformedStatusException.wrongType(path, "an array", node);
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isObject()) {
                throw MalformedStatusException.wrongType(path + "." + i, "an object", element);
            }
            elements.add(element);
        }
        return elements;
    }

    static Optional<Instant> timestamp(JsonNode root, String path) {
        String value = text(root, path);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new MalformedStatusException(path + " must be an RFC 3339 timestamp");
        }
    }
}
