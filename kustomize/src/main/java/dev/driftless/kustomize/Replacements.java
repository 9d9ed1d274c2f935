package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code replacements} transformer: copies a value from one resource (the source) into fields of others
 * (the targets), in order, each replacement seeing the results of the ones before it. Follows kustomize v5 where
 * it differs from v4.5.4: a target field that is missing (and not to be created) is an error, not skipped.
 */
final class Replacements {

    private static final String DEFAULT_FIELD_PATH = "metadata.name";
    private static final Set<String> ENTRY_FIELDS = Set.of("path", "source", "targets");
    private static final Set<String> SOURCE_FIELDS = Set.of("group", "version", "kind", "name", "namespace",
            "fieldPath", "options");
    private static final Set<String> TARGET_FIELDS = Set.of("select", "reject", "fieldPaths", "options");
    private static final Set<String> OPTION_FIELDS = Set.of("delimiter", "index", "create");

    /**
     * Picks one part of a delimited value ({@code a.b.c} split on {@code .}), or with {@code create} adds
     * missing target fields.
     */
    record Options(String delimiter, int index, boolean create) {
        static final Options NONE = new Options("", 0, false);
    }

    /** Where the value comes from; empty id parts match anything, the others exactly. */
    record Source(ResId id, ReplacementPath fieldPath, Options options) {

        boolean matches(Resource resource) {
            return resource.allIds().stream().anyMatch(candidate ->
                    (id.group().isEmpty() || id.group().equals(candidate.group()))
                            && (id.version().isEmpty() || id.version().equals(candidate.version()))
                            && (id.kind().isEmpty() || id.kind().equals(candidate.kind()))
                            && (id.name().isEmpty() || id.name().equals(candidate.name()))
                            && (id.namespace().isEmpty() || id.namespace().equals(candidate.namespace())));
        }

        String describe() {
            return "source {" + (id.group().isEmpty() ? "" : "group: " + id.group() + ", ")
                    + (id.version().isEmpty() ? "" : "version: " + id.version() + ", ")
                    + (id.kind().isEmpty() ? "" : "kind: " + id.kind() + ", ")
                    + (id.name().isEmpty() ? "" : "name: " + id.name() + ", ")
                    + (id.namespace().isEmpty() ? "" : "namespace: " + id.namespace() + ", ")
                    + "fieldPath: " + fieldPath.text() + "}";
        }
    }

    /** Where the value goes: the fields of every selected resource that no reject selector matches. */
    record Target(Selector select, List<Selector> reject, List<ReplacementPath> fieldPaths, Options options) {

        boolean matches(Resource resource) {
            return matchesAnyId(select, resource) && reject.stream().noneMatch(r -> matchesAnyId(r, resource));
        }

        /** Kustomize selects by any name a resource has had in this build, not only its current one. */
        private static boolean matchesAnyId(Selector selector, Resource resource) {
            return resource.allIds().stream().anyMatch(id -> selector.matches(asNamed(resource, id)));
        }

        private static Resource asNamed(Resource resource, ResId id) {
            ObjectNode object = resource.object().deepCopy();
            object.put("apiVersion", id.apiVersion());
            object.put("kind", id.kind());
            ObjectNode metadata = object.with("metadata");
            metadata.put("name", id.name());
            if (id.namespace().isEmpty()) {
                metadata.remove("namespace");
            } else {
                metadata.put("namespace", id.namespace());
            }
            return Resource.of(object, resource.origin());
        }
    }

    /**
     * One replacement.
     *
     * @param field where it is written, e.g. {@code replacements[0]} or {@code replacements[1] (file.yaml)}
     */
    record Replacement(String field, Source source, List<Target> targets) {
    }

    private Replacements() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = new ArrayList<>(resources);
        for (Replacement replacement : parse(kustomization, build.loader())) {
            JsonNode value = sourceValue(kustomization, replacement, result);
            for (int t = 0; t < replacement.targets().size(); t++) {
                Target target = replacement.targets().get(t);
                String field = replacement.field() + ".targets[" + t + "]";
                for (int r = 0; r < result.size(); r++) {
                    if (target.matches(result.get(r))) {
                        result.set(r, replace(kustomization, field, result.get(r), target, value));
                    }
                }
            }
        }
        return result;
    }

    static List<Replacement> parse(Kustomization kustomization, FileLoader loader) {
        List<Replacement> replacements = new ArrayList<>();
        List<JsonNode> entries = kustomization.list("replacements");
        for (int i = 0; i < entries.size(); i++) {
            String field = "replacements[" + i + "]";
            JsonNode entry = kustomization.knownFields(field, entries.get(i), ENTRY_FIELDS);
            if (!entry.has("path")) {
                replacements.add(replacement(kustomization, field, entry));
                continue;
            }
            if (entry.size() > 1) {
                throw kustomization.error(field, "path cannot be combined with source or targets");
            }
            String reference = entry.get("path").asText();
            Path file = loader.resolve(kustomization.file(), field + ".path", reference);
            JsonNode content;
            try {
                content = Kustomization.YAML.readTree(loader.read(kustomization.file(), field + ".path", file));
            } catch (JacksonException e) {
                throw kustomization.error(field + ".path", loader.describe(file) + ": YAML syntax error: "
                        + e.getOriginalMessage());
            }
            List<JsonNode> inFile = new ArrayList<>();
            if (content != null && content.isArray()) {
                content.forEach(inFile::add);
            } else if (content != null && !content.isNull() && !content.isMissingNode()) {
                inFile.add(content);
            }
            for (int j = 0; j < inFile.size(); j++) {
                String inner = field + " (" + loader.describe(file) + (inFile.size() > 1 ? " item " + j : "") + ")";
                replacements.add(replacement(kustomization, inner,
                        kustomization.knownFields(inner, inFile.get(j), Set.of("source", "targets"))));
            }
        }
        return replacements;
    }

    private static Replacement replacement(Kustomization kustomization, String field, JsonNode entry) {
        JsonNode sourceNode = entry.get("source");
        JsonNode targetNodes = entry.get("targets");
        if (sourceNode == null || sourceNode.isNull() || targetNodes == null || targetNodes.isNull()) {
            throw kustomization.error(field, "replacements must specify a source and at least one target");
        }
        JsonNode source = kustomization.knownFields(field + ".source", sourceNode, SOURCE_FIELDS);
        ResId id = new ResId(kustomization.text(field + ".source", source, "group"),
                kustomization.text(field + ".source", source, "version"),
                kustomization.text(field + ".source", source, "kind"),
                kustomization.text(field + ".source", source, "namespace"),
                kustomization.text(field + ".source", source, "name"));
        String sourcePath = kustomization.text(field + ".source", source, "fieldPath");
        Source parsedSource = new Source(id, path(kustomization, field + ".source.fieldPath",
                sourcePath.isEmpty() ? DEFAULT_FIELD_PATH : sourcePath),
                options(kustomization, field + ".source.options", source.get("options")));
        if (!targetNodes.isArray()) {
            throw kustomization.error(field + ".targets", "must be a list");
        }
        List<Target> targets = new ArrayList<>();
        for (int t = 0; t < targetNodes.size(); t++) {
            targets.add(target(kustomization, field + ".targets[" + t + "]", targetNodes.get(t)));
        }
        return new Replacement(field, parsedSource, targets);
    }

    private static Target target(Kustomization kustomization, String field, JsonNode node) {
        JsonNode target = kustomization.knownFields(field, node, TARGET_FIELDS);
        JsonNode select = target.get("select");
        if (select == null || select.isNull()) {
            throw kustomization.error(field, "target must specify resources to select");
        }
        List<Selector> rejects = new ArrayList<>();
        JsonNode reject = target.path("reject");
        if (!reject.isMissingNode() && !reject.isNull() && !reject.isArray()) {
            throw kustomization.error(field + ".reject", "must be a list");
        }
        for (int r = 0; r < reject.size(); r++) {
            rejects.add(Selector.parse(reject.get(r), kustomization, field + ".reject[" + r + "]"));
        }
        List<ReplacementPath> paths = new ArrayList<>();
        JsonNode fieldPaths = target.path("fieldPaths");
        if (!fieldPaths.isMissingNode() && !fieldPaths.isNull() && !fieldPaths.isArray()) {
            throw kustomization.error(field + ".fieldPaths", "must be a list");
        }
        for (int p = 0; p < fieldPaths.size(); p++) {
            if (!fieldPaths.get(p).isTextual()) {
                throw kustomization.error(field + ".fieldPaths[" + p + "]", "must be a string");
            }
            paths.add(path(kustomization, field + ".fieldPaths[" + p + "]", fieldPaths.get(p).asText()));
        }
        if (paths.isEmpty()) {
            paths.add(ReplacementPath.parse(DEFAULT_FIELD_PATH));
        }
        return new Target(Selector.parse(select, kustomization, field + ".select"), rejects, paths,
                options(kustomization, field + ".options", target.get("options")));
    }

    private static Options options(Kustomization kustomization, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return Options.NONE;
        }
        JsonNode options = kustomization.knownFields(field, node, OPTION_FIELDS);
        JsonNode index = options.path("index");
        if (!index.isMissingNode() && !index.isNull() && !(index.isIntegralNumber() && index.canConvertToInt())) {
            throw kustomization.error(field + ".index", "must be a whole number, not '" + index.asText() + "'");
        }
        JsonNode create = options.path("create");
        if (!create.isMissingNode() && !create.isNull() && !create.isBoolean()) {
            throw kustomization.error(field + ".create", "must be true or false");
        }
        return new Options(kustomization.text(field, options, "delimiter"), index.asInt(0), create.asBoolean(false));
    }

    private static ReplacementPath path(Kustomization kustomization, String field, String text) {
        try {
            return ReplacementPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw kustomization.error(field, e.getMessage());
        }
    }

    private static JsonNode sourceValue(Kustomization kustomization, Replacement replacement, List<Resource> resources) {
        Source source = replacement.source();
        String field = replacement.field() + ".source";
        List<Resource> matches = resources.stream().filter(source::matches).toList();
        if (matches.isEmpty()) {
            throw kustomization.error(field, "nothing selected by " + source.describe());
        }
        if (matches.size() > 1) {
            throw kustomization.error(field, "multiple matches for " + source.describe() + ": " + matches.stream()
                    .map(resource -> resource.id().toString()).toList());
        }
        Resource resource = matches.get(0);
        JsonNode value;
        try {
            value = source.fieldPath().lookup(resource.object())
                    .filter(found -> !found.isNull() && !(found.isContainerNode() && found.isEmpty()))
                    .orElseThrow(() -> kustomization.error(field + ".fieldPath", "fieldPath `"
                            + source.fieldPath().text() + "` is missing for replacement source " + resource.id()));
        } catch (IllegalArgumentException e) {
            throw kustomization.error(field + ".fieldPath", e.getMessage() + " in " + resource.id());
        }
        Options options = source.options();
        if (options.delimiter().isEmpty()) {
            return value.deepCopy();
        }
        if (!value.isValueNode()) {
            throw kustomization.error(field + ".options", "delimiter option can only be used with scalar nodes");
        }
        List<String> parts = split(value.asText(), options.delimiter());
        if (options.index() < 0 || options.index() >= parts.size()) {
            String shown = resource.id().kind().equals("Secret") ? "of the Secret (not shown)" : value.asText();
            throw kustomization.error(field + ".options.index", "options.index " + options.index()
                    + " is out of bounds for value " + shown);
        }
        return TextNode.valueOf(parts.get(options.index()));
    }

    private static Resource replace(Kustomization kustomization, String field, Resource resource, Target target,
                                    JsonNode value) {
        ObjectNode object = resource.object().deepCopy();
        for (ReplacementPath path : target.fieldPaths()) {
            String where = field + " " + path.text() + " in " + resource.id();
            List<ReplacementPath.Slot> slots;
            try {
                slots = target.options().create() ? List.of(path.create(object)) : path.find(object);
            } catch (IllegalArgumentException e) {
                throw kustomization.error(field, e.getMessage() + " in " + resource.id());
            }
            if (slots.isEmpty()) {
                throw kustomization.error(field, "unable to find field \"" + path.text()
                        + "\" in replacement target " + resource.id() + " (set options.create to add it)");
            }
            for (ReplacementPath.Slot slot : slots) {
                slot.set(newValue(kustomization, where, slot.value(), value, target.options()));
            }
        }
        return resource.withObject(object);
    }

    /**
     * The value a target field gets. A scalar field keeps its type (a number stays a number), as kustomize copies
     * only the text into it; an absent or null field takes the source value with its own type. Messages never
     * show the value: it may come from a Secret.
     */
    private static JsonNode newValue(Kustomization kustomization, String where, JsonNode old, JsonNode value,
                                     Options options) {
        JsonNode replacement = value.deepCopy();
        boolean absent = old == null || old.isNull();
        if (!options.delimiter().isEmpty()) {
            if (!absent && !old.isValueNode()) {
                throw kustomization.error(where, "delimiter option can only be used with scalar nodes");
            }
            List<String> parts = new ArrayList<>(split(absent ? "" : old.asText(), options.delimiter()));
            if (options.index() < 0) {
                parts.addFirst(value.asText());
            } else if (options.index() >= parts.size()) {
                parts.add(value.asText());
            } else {
                parts.set(options.index(), value.asText());
            }
            replacement = TextNode.valueOf(String.join(options.delimiter(), parts));
        }
        if (absent || !old.isValueNode() || !replacement.isValueNode()) {
            return replacement;
        }
        String text = replacement.asText();
        try {
            if (old.isIntegralNumber()) {
                long number = Long.parseLong(text);
                return number == (int) number ? IntNode.valueOf((int) number) : LongNode.valueOf(number);
            }
            if (old.isNumber()) {
                return DoubleNode.valueOf(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            throw kustomization.error(where, "the source value is not a number but the field is");
        }
        if (old.isBoolean()) {
            if (!text.equals("true") && !text.equals("false")) {
                throw kustomization.error(where, "the source value is not true or false but the field is");
            }
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        return TextNode.valueOf(text);
    }

    /** Splits on a literal delimiter, keeping empty parts (unlike {@link String#split}). */
    static List<String> split(String text, String delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, start)) {
            parts.add(text.substring(start, at));
            start = at + delimiter.length();
        }
        parts.add(text.substring(start));
        return parts;
    }
}
