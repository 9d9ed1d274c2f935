package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code labels} entries, then {@code commonLabels}, as kustomize runs them. {@code commonLabels} and entries
 * with {@code includeSelectors} also go into selectors and templates; plain entries only into
 * {@code metadata.labels}, plus templates with {@code includeTemplates} (kustomize v5) and any {@code fields}.
 */
final class Labels {

    private static final Set<String> ENTRY_FIELDS = Set.of("pairs", "includeSelectors", "includeTemplates", "fields");
    private static final Set<String> FIELD_SPEC_FIELDS = Set.of("path", "group", "version", "kind", "create");

    private Labels() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = resources;
        List<JsonNode> entries = kustomization.list("labels");
        for (int i = 0; i < entries.size(); i++) {
            String field = "labels[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw kustomization.error(field, "must be a map");
            }
            kustomization.knownFields(field, entry, ENTRY_FIELDS);
            List<FieldSpec> specs = new ArrayList<>(fieldSpecs(kustomization, field + ".fields", entry.get("fields")));
            if (flag(kustomization, field + ".includeSelectors", entry.get("includeSelectors"))) {
                specs.addAll(BuiltinFieldSpecs.COMMON_LABEL_SPECS);
            } else if (flag(kustomization, field + ".includeTemplates", entry.get("includeTemplates"))) {
                specs.addAll(BuiltinFieldSpecs.METADATA_LABEL_SPECS);
            } else {
                specs.add(BuiltinFieldSpecs.METADATA_LABEL_SPECS.getFirst());
            }
            result = putEntries(result, stringMap(kustomization, field + ".pairs", entry.get("pairs")), specs);
        }
        Map<String, String> common = stringMap(kustomization, "commonLabels", kustomization.raw().get("commonLabels"));
        return putEntries(result, common, BuiltinFieldSpecs.COMMON_LABEL_SPECS);
    }

    /** Puts every entry into the map at each field spec's path of the resources it applies to. */
    static List<Resource> putEntries(List<Resource> resources, Map<String, String> entries, List<FieldSpec> specs) {
        if (entries.isEmpty()) {
            return resources;
        }
        return resources.stream().map(resource -> {
            ObjectNode object = resource.object().deepCopy();
            ResId id = resource.id();
            for (FieldSpec spec : specs) {
                if (spec.appliesTo(id)) {
                    FieldPaths.edit(object, spec.path(), spec.create(), current -> put(current, entries));
                }
            }
            return resource.withObject(object);
        }).toList();
    }

    private static JsonNode put(JsonNode current, Map<String, String> entries) {
        if (current != null && !(current instanceof ObjectNode)) {
            return null;
        }
        ObjectNode map = current == null ? Kustomization.YAML.createObjectNode() : (ObjectNode) current;
        entries.forEach(map::put);
        return map;
    }

    /** A map of strings ({@code commonLabels}, {@code pairs}, ...); a missing value counts as empty, as in kustomize. */
    static Map<String, String> stringMap(Kustomization kustomization, String field, JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw kustomization.error(field, "must be a map of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual() && !value.isNull()) {
                throw kustomization.error(field + "." + entry.getKey(), "must be a string (quote it), not "
                        + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            values.put(entry.getKey(), value.isNull() ? "" : value.asText());
        }
        return values;
    }

    private static boolean flag(Kustomization kustomization, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw kustomization.error(field, "must be true or false");
        }
        return node.asBoolean();
    }

    private static List<FieldSpec> fieldSpecs(Kustomization kustomization, String field, JsonNode node) {
        List<FieldSpec> specs = new ArrayList<>();
        if (node == null || node.isNull()) {
            return specs;
        }
        if (!node.isArray()) {
            throw kustomization.error(field, "must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            String item = field + "[" + i + "]";
            JsonNode spec = node.get(i);
            if (!spec.isObject()) {
                throw kustomization.error(item, "must be a map");
            }
            kustomization.knownFields(item, spec, FIELD_SPEC_FIELDS);
            String path = text(kustomization, item + ".path", spec.get("path"));
            if (path.isEmpty()) {
                throw kustomization.error(item + ".path", "is required");
            }
            specs.add(new FieldSpec(text(kustomization, item + ".group", spec.get("group")),
                    text(kustomization, item + ".version", spec.get("version")),
                    text(kustomization, item + ".kind", spec.get("kind")), path,
                    flag(kustomization, item + ".create", spec.get("create"))));
        }
        return specs;
    }

    private static String text(Kustomization kustomization, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw kustomization.error(field, "must be a string");
        }
        return node.asText();
    }

}
