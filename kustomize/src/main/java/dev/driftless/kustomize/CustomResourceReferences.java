package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code crds} field: files of OpenAPI definitions (type name to {@code {Schema: {properties: ...}}}, as
 * kustomize reads them) whose properties marked with {@code x-kubernetes-object-ref-api-version} and
 * {@code x-kubernetes-object-ref-kind} hold the name of another object, so renaming that object rewrites them.
 */
final class CustomResourceReferences {

    private static final String REF_VERSION = "x-kubernetes-object-ref-api-version";
    private static final String REF_KIND = "x-kubernetes-object-ref-kind";
    private static final String REF_NAME_KEY = "x-kubernetes-object-ref-name-key";
    private static final List<String> UNSUPPORTED_MARKERS = List.of(
            "x-kubernetes-annotation", "x-kubernetes-label-selector", "x-kubernetes-identity");

    private CustomResourceReferences() {
    }

    /** The name references declared by every file a kustomization lists under {@code crds}. */
    static List<NameReferenceSpecs.BackReference> load(Kustomization kustomization, FileLoader loader) {
        List<NameReferenceSpecs.BackReference> references = new ArrayList<>();
        for (String entry : kustomization.strings("crds")) {
            Path file = loader.resolve(kustomization.file(), "crds", entry);
            String where = kustomization.name() + ": crds: " + loader.describe(file);
            JsonNode definitions;
            try {
                definitions = Kustomization.YAML.readTree(loader.read(kustomization.file(), "crds", file));
            } catch (JacksonException e) {
                throw new KustomizeException(where + ": not an OpenAPI definition map: " + e.getOriginalMessage(), e);
            }
            if (!(definitions instanceof ObjectNode types)) {
                throw new KustomizeException(where + ": must map type names to OpenAPI definitions");
            }
            for (Map.Entry<String, JsonNode> type : types.properties()) {
                JsonNode properties = properties(types, type.getKey());
                if (properties.has("kind") && properties.has("apiVersion") && properties.has("metadata")) {
                    String kind = type.getKey().substring(type.getKey().lastIndexOf('.') + 1);
                    collect(where, types, type.getKey(), kind, "", references);
                }
            }
        }
        return references;
    }

    private static void collect(String where, ObjectNode types, String typeName, String referrerKind,
                                String path, List<NameReferenceSpecs.BackReference> references) {
        for (Map.Entry<String, JsonNode> property : properties(types, typeName).properties()) {
            String propertyPath = path + property.getKey();
            JsonNode schema = property.getValue();
            for (String marker : UNSUPPORTED_MARKERS) {
                if (schema.has(marker)) {
                    throw new KustomizeException(where + ": " + typeName + ": property " + propertyPath + ": "
                            + marker + " is not supported by Driftless's kustomize");
                }
            }
            if (schema.path(REF_VERSION).isTextual() && schema.path(REF_KIND).isTextual()) {
                String nameKey = schema.path(REF_NAME_KEY).isTextual() ? schema.get(REF_NAME_KEY).asText() : "name";
                references.add(new NameReferenceSpecs.BackReference("", schema.get(REF_VERSION).asText(),
                        schema.get(REF_KIND).asText(),
                        List.of(new FieldSpec("", "", referrerKind, propertyPath + "/" + nameKey, false))));
            }
            if (schema.path("$ref").isTextual()) {
                collect(where, types, schema.get("$ref").asText(), referrerKind, propertyPath + "/", references);
            }
        }
    }

    /** A definition's schema properties; Go matches the {@code Schema} key case-insensitively. */
    private static ObjectNode properties(ObjectNode types, String typeName) {
        JsonNode definition = types.path(typeName);
        for (Iterator<String> names = definition.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equalsIgnoreCase("schema") && definition.get(name).path("properties") instanceof ObjectNode p) {
                return p;
            }
        }
        return Kustomization.YAML.createObjectNode();
    }
}
