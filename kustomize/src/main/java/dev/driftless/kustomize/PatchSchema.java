package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of the Kubernetes OpenAPI schema a strategic merge needs: which lists merge by key (or by value) and
 * the types that lead to them. Generated from the Kubernetes 1.13 swagger by {@code kustomize/schema/generate.sh};
 * kinds it does not know (custom resources) have no schema, so their lists are replaced.
 */
record PatchSchema(Map<String, Map<String, Field>> types, Map<String, String> kinds) {

    private static final String RESOURCE = "schema/patch-schema.json";

    static final PatchSchema KUBERNETES = load();

    /**
     * One field of a type.
     *
     * @param ref      the field's type, or for lists and maps the type of their items or values; may be null
     * @param list     a list whose patch strategy includes merge
     * @param map      a map whose values are of type {@code ref}
     * @param strategy the patch strategy, e.g. {@code merge} or {@code merge,retainKeys}
     * @param key      the merge key of a list of objects; null for a list of primitives merged by value
     */
    record Field(String ref, boolean list, boolean map, String strategy, String key) {
    }

    /** Where a map sits in the schema: its type, or for a map of values (labels-like) the type of each value. */
    record Shape(String type, boolean valuesOfType) {

        static final Shape NONE = new Shape(null, false);
    }

    /** The shape of a whole object, found by its apiVersion and kind. */
    Shape forObject(JsonNode object) {
        String type = kinds.get(object.path("apiVersion").asText("") + " " + object.path("kind").asText(""));
        return new Shape(type, false);
    }

    /** The declaration of a field of a map of the given shape, or null when the schema says nothing about it. */
    Field field(Shape shape, String name) {
        if (shape.type() == null) {
            return null;
        }
        if (shape.valuesOfType()) {
            return new Field(shape.type(), false, false, "", null);
        }
        return types.getOrDefault(shape.type(), Map.of()).get(name);
    }

    private static PatchSchema load() {
        try (InputStream in = PatchSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Map<String, Field>> types = new HashMap<>();
            root.path("types").fields().forEachRemaining(type -> {
                Map<String, Field> fields = new HashMap<>();
                type.getValue().fields().forEachRemaining(field -> {
                    JsonNode spec = field.getValue();
                    fields.put(field.getKey(), new Field(spec.path("ref").textValue(), spec.path("list").asBoolean(),
                            spec.path("map").asBoolean(), spec.path("strategy").asText(""),
                            spec.path("key").textValue()));
                });
                types.put(type.getKey(), Map.copyOf(fields));
            });
            Map<String, String> kinds = new HashMap<>();
            root.path("kinds").fields().forEachRemaining(kind -> kinds.put(kind.getKey(), kind.getValue().asText()));
            return new PatchSchema(Map.copyOf(types), Map.copyOf(kinds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
