package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strategic merge patch applied as kustomize's kyaml does it: maps merge field by field, a {@code null} deletes
 * a field, lists the schema marks with a merge key merge element by element (new elements appended), lists of
 * primitives marked merge take the union, and every other list is replaced. {@code $patch: delete} removes a map
 * or list element, {@code $patch: replace} replaces it. Like kyaml, {@code $setElementOrder} and
 * {@code $retainKeys} are not interpreted: they are merged as ordinary fields.
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

    private JsonNode mergeList(ArrayNode dest, ArrayNode patch, PatchSchema.Field field, String path) {
        if (field.key() == null) {
            ArrayNode result = dest.deepCopy();
            Set<String> present = new LinkedHashSet<>();
            dest.forEach(item -> present.add(item.asText()));
            for (JsonNode item : patch) {
                if (!item.isNull() && present.add(item.asText())) {
                    result.add(item.deepCopy());
                }
            }
            return result;
        }
        String key = field.key();
        PatchSchema.Shape elementShape = new PatchSchema.Shape(field.ref(), false);
        List<JsonNode> result = new ArrayList<>();
        dest.forEach(result::add);
        Set<String> handled = new LinkedHashSet<>();
        for (JsonNode item : patch) {
            String elementPath = path + "[" + key + "=" + item.path(key).asText() + "]";
            if (!item.isObject()) {
                throw new KustomizeException("at " + describe(path) + ": list items must be maps with the merge key '"
                        + key + "'");
            }
            if (!item.hasNonNull(key)) {
                JsonNode added = added(item, elementShape, null, elementPath);
                if (added != null) {
                    result.add(added);
                }
                continue;
            }
            String value = item.get(key).asText();
            if (!handled.add(value)) {
                continue;
            }
            int index = indexOf(result, key, value);
            JsonNode merged = merge(index < 0 ? null : result.get(index), item, elementShape, null, elementPath);
            boolean removed = merged == null || (merged.isObject() && merged.isEmpty());
            if (removed) {
                if (index >= 0) {
                    result.remove(index);
                }
                continue;
            }
            if (!merged.has(key)) {
                ((ObjectNode) merged).set(key, item.get(key));
            }
            if (index < 0) {
                result.add(merged);
            } else {
                result.set(index, merged);
            }
        }
        return JsonNodeFactory.instance.arrayNode().addAll(result);
    }

    private static int indexOf(List<JsonNode> items, String key, String value) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode candidate = items.get(i).get(key);
            if (candidate != null && !candidate.isNull() && candidate.asText().equals(value)) {
                return i;
            }
        }
        return -1;
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
