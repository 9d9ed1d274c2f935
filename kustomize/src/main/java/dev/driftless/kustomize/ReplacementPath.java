package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code replacements} field path such as {@code spec.template.spec.containers.[name=web].image}: fields
 * separated by dots (dots inside brackets and escaped ones, as in {@code app\.kubernetes\.io/name}, are kept),
 * {@code [key=value]} picks list items whose {@code key} is {@code value}, {@code [=value]} picks scalar list
 * items, a number picks the item at that index and {@code *} every item. When selecting targets, the value in
 * brackets is an anchored regular expression, as in kustomize.
 *
 * @param text     the path as written, for messages
 * @param segments the parsed segments
 */
record ReplacementPath(String text, List<String> segments) {

    /** A place in a document that holds a value and can be given a new one. */
    record Slot(JsonNode parent, String field, int index) {

        JsonNode value() {
            return parent instanceof ObjectNode object ? object.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    static ReplacementPath parse(String text) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
                current.append('.');
                i++;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment in field path '" + text + "'");
            }
            if (isListItem(segment) && !segment.contains("=")) {
                throw new IllegalArgumentException("list item '" + segment + "' in field path '" + text
                        + "' must be [field=value]");
            }
        }
        return new ReplacementPath(text, List.copyOf(segments));
    }

    /** The single value at this path with exact matching, as a replacement source is read; empty when absent. */
    Optional<JsonNode> lookup(JsonNode root) {
        JsonNode node = root;
        for (String segment : segments) {
            Optional<Slot> slot = child(node, segment, null);
            if (slot.isEmpty()) {
                return Optional.empty();
            }
            node = slot.get().value();
        }
        return Optional.ofNullable(node);
    }

    /** Every value at this path, as a replacement target without {@code create} selects them. */
    List<Slot> find(JsonNode root) {
        List<Slot> found = new ArrayList<>();
        find(root, 0, found);
        return found;
    }

    private void find(JsonNode node, int index, List<Slot> found) {
        String segment = segments.get(index);
        List<Slot> matches = new ArrayList<>();
        if (isListItem(segment) || segment.equals("*") || isIndex(segment)) {
            ArrayNode array = requireList(node, segment);
            for (int i = 0; i < array.size(); i++) {
                if (segment.equals("*") || (isIndex(segment) ? i == Integer.parseInt(segment)
                        : itemMatches(array.get(i), segment, true))) {
                    matches.add(new Slot(array, null, i));
                }
            }
        } else {
            ObjectNode object = requireMap(node, segment);
            if (object.has(segment)) {
                matches.add(new Slot(object, segment, -1));
            }
        }
        for (Slot match : matches) {
            if (index == segments.size() - 1) {
                found.add(match);
            } else {
                find(match.value(), index + 1, found);
            }
        }
    }

    /**
     * The place at this path, creating missing maps, lists, list items ({@code [key=value]} adds an item with
     * that key) and the leaf, as a replacement target with {@code create} does.
     */
    Slot create(JsonNode root) {
        if (segments.contains("*")) {
            throw new IllegalArgumentException("field path '" + text + "': create cannot be used with '*'");
        }
        JsonNode node = root;
        Slot slot = null;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            slot = child(node, segment, i + 1 < segments.size() ? segments.get(i + 1) : "").orElse(null);
            if (slot == null) {
                throw new IllegalArgumentException("field path '" + text + "': no list item at " + segment);
            }
            if (i + 1 < segments.size()) {
                node = slot.value();
            }
        }
        return slot;
    }

    /**
     * The child slot for one segment, matching list items exactly. With {@code next} non-null, a missing child is
     * created as the container the next segment needs ({@code ""} for the leaf, which stays absent).
     */
    private Optional<Slot> child(JsonNode node, String segment, String next) {
        if (isListItem(segment) || isIndex(segment)) {
            ArrayNode array = requireList(node, segment);
            for (int i = 0; i < array.size(); i++) {
                if (isIndex(segment) ? i == Integer.parseInt(segment) : itemMatches(array.get(i), segment, false)) {
                    return Optional.of(new Slot(array, null, i));
                }
            }
            if (next == null || isIndex(segment)) {
                return Optional.empty();
            }
            String key = segment.substring(1, segment.indexOf('='));
            String value = segment.substring(segment.indexOf('=') + 1, segment.length() - 1);
            if (key.isEmpty()) {
                array.add(value);
            } else {
                array.addObject().put(key, value);
            }
            return Optional.of(new Slot(array, null, array.size() - 1));
        }
        ObjectNode object = requireMap(node, segment);
        JsonNode child = object.get(segment);
        if (child == null || child.isNull()) {
            if (next == null) {
                return Optional.empty();
            }
            if (isListItem(next) || isIndex(next)) {
                object.putArray(segment);
            } else if (!next.isEmpty()) {
                object.putObject(segment);
            }
        }
        return Optional.of(new Slot(object, segment, -1));
    }

    private boolean itemMatches(JsonNode item, String segment, boolean regex) {
        String key = segment.substring(1, segment.indexOf('='));
        String wanted = segment.substring(segment.indexOf('=') + 1, segment.length() - 1);
        JsonNode value = key.isEmpty() ? item : item.get(key);
        if (value == null || !value.isValueNode()) {
            return false;
        }
        if (!regex) {
            return value.asText().equals(wanted);
        }
        try {
            return Pattern.compile(wanted).matcher(value.asText()).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("field path '" + text + "': '" + wanted
                    + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private ArrayNode requireList(JsonNode node, String segment) {
        if (node instanceof ArrayNode array) {
            return array;
        }
        throw new IllegalArgumentException("field path '" + text + "': " + segment + " needs a list but found "
                + kind(node));
    }

    private ObjectNode requireMap(JsonNode node, String segment) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("field path '" + text + "': field " + segment + " needs a map but found "
                + kind(node));
    }

    private static String kind(JsonNode node) {
        return node == null || node.isNull() ? "nothing" : node.isArray() ? "a list" : node.isObject() ? "a map"
                : "a scalar";
    }

    private static boolean isListItem(String segment) {
        return segment.startsWith("[") && segment.endsWith("]");
    }

    private static boolean isIndex(String segment) {
        return segment.chars().allMatch(Character::isDigit);
    }
}
