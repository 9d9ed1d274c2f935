package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed kustomization file ({@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization}).
 * Every field is checked on load: a field Driftless does not support is an error naming it, never ignored.
 *
 * @param file  the file
 * @param name  the file as messages show it (relative to the load root)
 * @param raw   the parsed document
 */
public record Kustomization(Path file, String name, ObjectNode raw) {

    public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    static final YAMLMapper YAML = new YAMLMapper(YamlLimits.factory());

    /** The fields this implementation builds. */
    static final Set<String> SUPPORTED = Set.of(
            "apiVersion", "kind", "metadata",
            "resources", "bases", "components",
            "namespace", "namePrefix", "nameSuffix",
            "commonLabels", "labels", "commonAnnotations",
            "images", "replicas",
            "patches", "patchesStrategicMerge", "patchesJson6902",
            "configMapGenerator", "secretGenerator", "generatorOptions",
            "replacements", "crds", "helmCharts", "helmGlobals");

    /** Fields kustomize knows that are refused with a reason rather than ignored. */
    static final Set<String> UNSUPPORTED = Set.of(
            "vars", "configurations", "generators", "transformers", "validators", "openapi",
            "buildMetadata", "sortOptions", "inventory", "helmChartInflationGenerator", "imageTags");

    /** Finds the kustomization file in a directory, or explains that there is none. */
    public static Optional<Path> findIn(Path directory) {
        List<Path> found = new ArrayList<>();
        for (String fileName : FILE_NAMES) {
            Path candidate = directory.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                found.add(candidate);
            }
        }
        if (found.size() > 1) {
            throw new KustomizeException(directory + ": found more than one kustomization file: " + found.stream()
                    .map(path -> path.getFileName().toString()).toList());
        }
        return found.stream().findFirst();
    }

    public static Kustomization load(FileLoader loader, Path file) {
        String name = loader.describe(file);
        JsonNode document;
        try {
            document = YAML.readTree(loader.read(file, "resources", file));
        } catch (JacksonException e) {
            throw YamlSyntax.error(name, e);
        }
        if (document == null || document.isMissingNode() || document.isNull()) {
            return new Kustomization(file, name, YAML.createObjectNode());
        }
        if (!(document instanceof ObjectNode object)) {
            throw new KustomizeException(name + ": a kustomization must be a mapping, not " + document.getNodeType());
        }
        Kustomization kustomization = new Kustomization(file, name, object);
        kustomization.checkFields();
        return kustomization;
    }

    public Path directory() {
        return file.getParent();
    }

    public boolean isComponent() {
        return "Component".equals(raw.path("kind").asText());
    }

    public boolean has(String field) {
        JsonNode value = raw.get(field);
        return value != null && !value.isNull();
    }

    /** A string field, or empty. A number or boolean is refused, as kustomize's typed parsing does. */
    public String string(String field) {
        JsonNode value = raw.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string (quote numbers and booleans), not "
                    + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    /** A list field, or an empty list. */
    public List<JsonNode> list(String field) {
        JsonNode value = raw.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(field, "must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** A list field whose items must be strings. */
    public List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        List<JsonNode> items = list(field);
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw error(field + "[" + i + "]", "must be a string");
            }
            values.add(items.get(i).asText());
        }
        return values;
    }

    /** A map field, or an empty map. */
    public ObjectNode map(String field) {
        JsonNode value = raw.get(field);
        if (value == null || value.isNull()) {
            return YAML.createObjectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw error(field, "must be a map");
        }
        return object;
    }

    /**
     * Refuses an entry of a list field (e.g. {@code images[0]}) that is not a map or holds a field this
     * implementation does not know, naming it.
     */
    public JsonNode knownFields(String field, JsonNode entry, Set<String> known) {
        if (entry == null || !entry.isObject()) {
            throw error(field, "must be a map");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(field + "." + name, "unknown field");
            }
        }
        return entry;
    }

    /** A string field of an entry (e.g. {@code images[0].newTag}), or empty when absent. */
    public String text(String field, JsonNode entry, String name) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw error(field + "." + name, "must be a string");
        }
        return value.asText();
    }

    public KustomizeException error(String field, String reason) {
        return new KustomizeException(name + ": " + field + ": " + reason);
    }

    private void checkFields() {
        String kind = raw.path("kind").asText("Kustomization");
        if (!kind.equals("Kustomization") && !kind.equals("Component")) {
            throw error("kind", "must be Kustomization or Component, not " + kind);
        }
        for (Iterator<String> fields = raw.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (UNSUPPORTED.contains(field)) {
                throw error(field, "is not supported by Driftless's kustomize");
            }
            if (!SUPPORTED.contains(field)) {
                throw error(field, "unknown field");
            }
        }
    }
}
