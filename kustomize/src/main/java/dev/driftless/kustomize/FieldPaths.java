package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Walks a {@link FieldSpec} path through an object, as kustomize does: segments are separated by {@code /}
 * ({@code \/} is a slash inside a key), a list met on the way is walked into every item, and a trailing
 * {@code []} on a segment is accepted and means the same, except that such a segment is never created: kustomize
 * does not invent a list (e.g. a StatefulSet without {@code volumeClaimTemplates} keeps having none).
 */
final class FieldPaths {

    private FieldPaths() {
    }

    static List<String> segments(String path) {
        return rawSegments(path).stream().map(FieldPaths::strip).toList();
    }

    private static List<String> rawSegments(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                current.append('/');
                i++;
            } else if (c == '/') {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static String strip(String segment) {
        return segment.endsWith("[]") ? segment.substring(0, segment.length() - 2) : segment;
    }

    /**
     * Replaces every value at the path with {@code edit}'s result. {@code edit} gets {@code null} for a missing
     * leaf; missing fields on the way (and the leaf) are created only when {@code create} is set and
     * {@code edit} returns non-null. Returns whether anything was visited.
     */
    static boolean edit(ObjectNode object, String path, boolean create, UnaryOperator<JsonNode> edit) {
        return edit(object, rawSegments(path), 0, create, edit);
    }

    private static boolean edit(JsonNode node, List<String> segments, int index, boolean create,
                                UnaryOperator<JsonNode> edit) {
        if (node instanceof ArrayNode array) {
            boolean visited = false;
            for (JsonNode item : array) {
                visited |= edit(item, segments, index, create, edit);
            }
            return visited;
        }
        if (!(node instanceof ObjectNode object)) {
            return false;
        }
        String field = strip(segments.get(index));
        boolean creatable = create && !segments.get(index).endsWith("[]");
        JsonNode child = object.get(field);
        boolean last = index == segments.size() - 1;
        if (last) {
            if (child instanceof ArrayNode array && !array.isEmpty() && !array.get(0).isContainerNode()) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode replaced = edit.apply(array.get(i));
                    if (replaced != null) {
                        array.set(i, replaced);
                    }
                }
                return true;
            }
            if ((child == null || child.isNull()) && !creatable) {
                return false;
            }
            JsonNode replaced = edit.apply(child == null || child.isNull() ? null : child);
            if (replaced != null) {
                object.set(field, replaced);
            }
            return true;
        }
        if (child == null || child.isNull()) {
            if (!creatable) {
                return false;
            }
            child = object.putObject(field);
        }
        return edit(child, segments, index + 1, create, edit);
    }

    /** Every value at the path (lists walked into), without changing anything. */
    static List<JsonNode> values(ObjectNode object, String path) {
        List<JsonNode> found = new ArrayList<>();
        edit(object, path, false, value -> {
            if (value != null) {
                found.add(value);
            }
            return null;
        });
        return found;
    }
}
