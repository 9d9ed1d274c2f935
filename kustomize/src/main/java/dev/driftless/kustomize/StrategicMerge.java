package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategic merge patch applied as kustomize's kyaml does it: maps merge field by field, a {@code null} deletes
 * a field, lists the schema marks with a merge key merge element by element, lists of primitives marked merge
 * take the union, and every other list is replaced. Merged lists put the patch's elements first, as kustomize
 * does. {@code $patch: delete} removes a map or list element, {@code $patch: replace} replaces it. Like kyaml,
 * {@code $setElementOrder} and {@code $retainKeys} are not interpreted: they are merged as ordinary fields.
 */
final class StrategicMerge {

    private static final String DIRECTIVE = "$patch";

    private final PatchSchema schema;

    StrategicMerge(PatchSchema schema) {
        this.schema = schema;
    }

    /**
     * @return the patched object, or null when the patch deletes it ({@code $patch: delete} at the top)
     * @throws KustomizeException naming the path where the patch cannot be applied
     */
    ObjectNode apply(ObjectNode target, ObjectNode patch) {
        JsonNode merged = mergeMap(target, patch, schema.forObject(target), "");
        return merged instanceof ObjectNode object && !object.isEmpty() ? object : null;
    }

    private JsonNode merge(JsonNode dest, JsonNode patch, PatchSchema.Shape shape, PatchSchema.Field field,
                           String path) {
        if (patch == null) {
            return dest;
        }
        if (patch.isNull()) {
            return null;
        }
        if (dest == null || dest.isNull()) {
            return added(patch, shape, field, path);
        }
        if (dest.isObject() != patch.isObject() || dest.isArray() != patch.isArray()) {
            throw new KustomizeException("at " + describe(path) + ": cannot merge a " + patch.getNodeType()
                    + " into a " + dest.getNodeType());
        }
        if (patch.isObject()) {
            return mergeMap((ObjectNode) dest, (ObjectNode) patch, shape, path);
        }
        if (patch.isArray()) {
            return isMergedList(field) ? mergeList((ArrayNode) dest, (ArrayNode) patch, field, path) : patch.deepCopy();
        }
        return patch;
    }

    /** A value only the patch has: kyaml merges it into itself, which drops nulls and obeys its directives. */
    private JsonNode added(JsonNode patch, PatchSchema.Shape shape, PatchSchema.Field field, String path) {
        if (patch.isObject()) {
            return mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) patch, shape, path);
        }
        if (patch.isArray() && isMergedList(field)) {
            return mergeList(JsonNodeFactory.instance.arrayNode(), (ArrayNode) patch, field, path);
        }
        return patch.deepCopy();
    }

    private JsonNode mergeMap(ObjectNode dest, ObjectNode patch, PatchSchema.Shape shape, String path) {
        PatchSchema.Shape here = shape.type() == null ? schema.forObject(dest.isEmpty() ? patch : dest) : shape;
        String directive = directive(patch, path);
        if (directive.equals("delete")) {
            return null;
        }
        ObjectNode result = directive.equals("replace") ? JsonNodeFactory.instance.objectNode() : dest.deepCopy();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            if (name.equals(DIRECTIVE)) {
                continue;
            }
            PatchSchema.Field field = schema.field(here, name);
            JsonNode merged = merge(result.get(name), entry.getValue(), childShape(field), field, path + "/" + name);
            if (merged == null) {
                result.remove(name);
            } else {
                result.set(name, merged);
            }
        }
        return result;
    }

    /**
     * kustomize merges lists with patch elements first: the patch's elements in its order (merged with their
     * counterparts), then the elements only the target has, in the target's order.
     */
    private JsonNode mergeList(ArrayNode dest, ArrayNode patch, PatchSchema.Field field, String path) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        if (field.key() == null) {
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode item : patch) {
                if (!item.isNull() && values.add(item.asText())) {
                    result.add(item.deepCopy());
                }
            }
            for (JsonNode item : dest) {
                if (values.add(item.asText())) {
                    result.add(item.deepCopy());
                }
            }
            return result;
        }
        String key = field.key();
        PatchSchema.Shape elementShape = new PatchSchema.Shape(field.ref(), false);
        Set<String> patched = new LinkedHashSet<>();
        for (JsonNode item : patch) {
            if (!item.isObject()) {
                throw new KustomizeException("at " + describe(path) + ": list items must be maps with the merge key '"
                        + key + "'");
            }
            String value = item.hasNonNull(key) ? item.get(key).asText() : null;
            if (value != null && !patched.add(value)) {
                continue;
            }
            JsonNode counterpart = value == null ? null : find(dest, key, value);
            JsonNode merged = merge(counterpart, item, elementShape, null, path + "[" + key + "=" + value + "]");
            if (merged != null && !(merged.isObject() && merged.isEmpty())) {
                result.add(merged);
            }
        }
        for (JsonNode item : dest) {
            JsonNode value = item.get(key);
            if (value == null || value.isNull() || !patched.contains(value.asText())) {
                result.add(item.deepCopy());
            }
        }
        return result;
    }

    private static JsonNode find(ArrayNode items, String key, String value) {
        for (JsonNode item : items) {
            JsonNode candidate = item.get(key);
            if (candidate != null && !candidate.isNull() && candidate.asText().equals(value)) {
                return item;
            }
        }
        return null;
    }

    private static boolean isMergedList(PatchSchema.Field field) {
        return field != null && field.list() && List.of(field.strategy().split(",")).contains("merge");
    }

    private static PatchSchema.Shape childShape(PatchSchema.Field field) {
        if (field == null || field.ref() == null) {
            return PatchSchema.Shape.NONE;
        }
        return new PatchSchema.Shape(field.ref(), field.map());
    }

    private static String directive(ObjectNode patch, String path) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive == null || directive.isNull()) {
            return "merge";
        }
        String value = directive.asText();
        if (!Set.of("merge", "replace", "delete").contains(value)) {
            throw new KustomizeException("at " + describe(path) + ": unknown patch strategy '" + value
                    + "' (use merge, replace or delete)");
        }
        return value;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "/" : path;
    }
}
