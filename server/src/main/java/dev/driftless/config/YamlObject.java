package dev.driftless.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A mapping of a configuration document, read field by field. Each read names the field as known, so the fields
 * nobody read are the unknown ones. Wrong types and missing required fields are reported to {@link Problems}
 * and read as absent ({@code null}), so reading goes on and every error is found.
 */
final class YamlObject {

    private final ObjectNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private YamlObject(ObjectNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        problems.track(this);
    }

    /** The document's root, or {@code null} (reported) when it is not a mapping. */
    static YamlObject root(JsonNode document, Problems problems) {
        if (!document.isObject()) {
            problems.add("", "a document must be a mapping, got " + describe(document));
            return null;
        }
        return new YamlObject((ObjectNode) document, "", problems);
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String reason) {
        problems.add(at(field), reason);
    }

    boolean has(String field) {
        return value(field) != null;
    }

    /** The value, or {@code null} when absent or written as null. */
    JsonNode value(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    String string(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(field, expected("a string", value));
            return null;
        }
        return value.textValue();
    }

    String requiredString(String field) {
        if (!has(field)) {
            problem(field, "missing required field");
            return null;
        }
        String value = string(field);
        if (value != null && value.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return value;
    }

    boolean bool(String field, boolean defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(field, expected("true or false", value));
            return defaultValue;
        }
        return value.booleanValue();
    }

    Integer integer(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isInt()) {
            problem(field, expected("a whole number", value));
            return null;
        }
        return value.intValue();
    }

    Double number(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            problem(field, expected("a number", value));
            return null;
        }
        return value.doubleValue();
    }

    YamlObject object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(field, expected("a mapping", value));
            return null;
        }
        return new YamlObject((ObjectNode) value, at(field), problems);
    }

    YamlObject requiredObject(String field) {
        if (!has(field)) {
            problem(field, "missing required field");
            return null;
        }
        return object(field);
    }

    List<YamlObject> objects(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(field, expected("a list", value));
            return List.of();
        }
        List<YamlObject> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isObject()) {
                items.add(new YamlObject((ObjectNode) item, at(field) + "[" + i + "]", problems));
            } else {
                problems.add(at(field) + "[" + i + "]", expected("a mapping", item));
            }
        }
        return items;
    }

    /** A list of strings; a single string counts as a list of one, as Argo CD's glob fields accept. */
    List<String> strings(String field, boolean singleStringAllowed) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (singleStringAllowed && value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            problem(field, expected("a list of strings", value));
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                items.add(item.textValue());
            } else {
                problems.add(at(field) + "[" + i + "]", expected("a string", item));
            }
        }
        return items;
    }

    /** A mapping of strings, in document order. */
    Map<String, String> stringMap(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(field, expected("a mapping of strings", value));
            return Map.of();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        value.properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                entries.put(entry.getKey(), entry.getValue().textValue());
            } else {
                problems.add(at(field) + "." + entry.getKey(), expected("a string", entry.getValue()));
            }
        });
        return entries;
    }

    void reportUnknownFields() {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problem(field, "unknown field; known fields here: " + String.join(", ", known));
            }
        });
    }

    private static String expected(String what, JsonNode value) {
        String hint = value.isNumber() || value.isBoolean() ? " (quote it to make it a string)" : "";
        return "expected " + what + ", got " + describe(value) + (what.contains("string") ? hint : "");
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
