package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code configMapGenerator} and {@code secretGenerator} steps: each entry makes a ConfigMap or Secret from
 * literals, files and env files; with {@code behavior: merge} or {@code replace} it changes the same-named object
 * from a base instead. The content-hash suffix is appended later, once, by {@link GeneratedNames}.
 */
final class ConfigMapSecretGenerators {

    private static final Set<String> CONFIG_MAP_FIELDS = Set.of(
            "name", "namespace", "behavior", "literals", "files", "envs", "env", "options");
    private static final Set<String> SECRET_FIELDS = Set.of(
            "name", "namespace", "behavior", "literals", "files", "envs", "env", "options", "type");
    private static final Set<String> OPTION_FIELDS = Set.of(
            "labels", "annotations", "disableNameSuffixHash", "immutable");

    /** Labels, annotations and flags of a generator, after merging in the kustomization's generatorOptions. */
    private record Options(Map<String, String> labels, Map<String, String> annotations,
                           boolean disableNameSuffixHash, boolean immutable) {

        /** kustomize's rule: the generator's own labels and annotations win; a global flag cannot be unset. */
        Options withGlobal(Options global) {
            Map<String, String> mergedLabels = new TreeMap<>(global.labels);
            mergedLabels.putAll(labels);
            Map<String, String> mergedAnnotations = new TreeMap<>(global.annotations);
            mergedAnnotations.putAll(annotations);
            return new Options(mergedLabels, mergedAnnotations,
                    disableNameSuffixHash || global.disableNameSuffixHash, immutable || global.immutable);
        }
    }

    private ConfigMapSecretGenerators() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        Options global = options(kustomization, "generatorOptions", kustomization.raw().get("generatorOptions"));
        List<Resource> result = new ArrayList<>(resources);
        for (String field : List.of("configMapGenerator", "secretGenerator")) {
            List<Resource> generated = new ArrayList<>();
            List<JsonNode> entries = kustomization.list(field);
            for (int i = 0; i < entries.size(); i++) {
                Resource resource = generate(kustomization, field + "[" + i + "]", entries.get(i), global, build);
                Accumulation.add(kustomization, field, generated, resource);
            }
            for (int i = 0; i < generated.size(); i++) {
                absorb(kustomization, field + "[" + i + "]", result, generated.get(i));
            }
        }
        return result;
    }

    private static Resource generate(Kustomization kustomization, String where, JsonNode entry, Options global,
                                     Build build) {
        if (!(entry instanceof ObjectNode args)) {
            throw kustomization.error(where, "must be a map");
        }
        boolean secret = where.startsWith("secret");
        kustomization.knownFields(where, args, secret ? SECRET_FIELDS : CONFIG_MAP_FIELDS);
        String name = kustomization.text(where, args, "name");
        if (name.isEmpty()) {
            throw kustomization.error(where + ".name", "a generated " + (secret ? "Secret" : "ConfigMap")
                    + " must have a name");
        }
        Options options = options(kustomization, where + ".options", args.get("options")).withGlobal(global);
        Map<String, byte[]> data = KeyValueSources.load(kustomization, where, args, build.loader());

        ObjectNode object = Kustomization.YAML.createObjectNode();
        object.put("apiVersion", "v1");
        object.put("kind", secret ? "Secret" : "ConfigMap");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        String namespace = kustomization.text(where, args, "namespace");
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        putStrings(metadata, "labels", options.labels());
        putStrings(metadata, "annotations", options.annotations());
        if (secret) {
            String type = kustomization.text(where, args, "type");
            object.put("type", type.isEmpty() ? "Opaque" : type);
            data.forEach((key, value) -> object.withObjectProperty("data").put(key, wrappedBase64(value)));
        } else {
            data.forEach((key, value) -> KeyValueSources.asText(value).ifPresentOrElse(
                    text -> object.withObjectProperty("data").put(key, text),
                    () -> object.withObjectProperty("binaryData").put(key, wrappedBase64(value))));
        }
        if (options.immutable()) {
            object.put("immutable", true);
        }
        String behavior = kustomization.text(where, args, "behavior");
        return new Resource(object, kustomization.name() + ": " + where, List.of(),
                new Resource.Generated(behavior.isEmpty() ? "create" : behavior, !options.disableNameSuffixHash()));
    }

    /**
     * Adds a generated object, or merges it into / replaces the object from a base with the same id (any of its
     * ids, so a base's prefix does not hide it). The result keeps the base object's name, place and hash option.
     */
    private static void absorb(Kustomization kustomization, String where, List<Resource> resources,
                               Resource generated) {
        ResId id = generated.id();
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).allIds().stream().anyMatch(other -> sameForMerge(id, other))) {
                matches.add(i);
            }
        }
        String behavior = generated.generated().behavior();
        if (matches.isEmpty()) {
            if (behavior.equals("merge") || behavior.equals("replace")) {
                throw kustomization.error(where, "behavior " + behavior + ": there is no " + id.kind() + " '"
                        + id.name() + "'" + (id.namespace().isEmpty() ? "" : " in namespace " + id.namespace())
                        + " from a base to " + behavior + " with");
            }
            resources.add(generated);
            return;
        }
        if (matches.size() > 1) {
            throw kustomization.error(where, "several objects match " + id + ": cannot " + behavior);
        }
        int index = matches.get(0);
        Resource base = resources.get(index);
        if (!behavior.equals("merge") && !behavior.equals("replace")) {
            throw kustomization.error(where, id + " already exists (from " + base.origin()
                    + "); behavior must be merge or replace");
        }
        ObjectNode object = generated.object().deepCopy();
        ObjectNode metadata = object.withObjectProperty("metadata");
        JsonNode baseMetadata = base.object().path("metadata");
        metadata.set("name", baseMetadata.path("name"));
        if (baseMetadata.path("namespace").isTextual()) {
            metadata.set("namespace", baseMetadata.get("namespace"));
        } else {
            metadata.remove("namespace");
        }
        for (String field : List.of("labels", "annotations")) {
            mergeMap(baseMetadata.path(field), metadata, field);
        }
        if (behavior.equals("merge")) {
            for (String field : List.of("data", "binaryData")) {
                mergeMap(base.object().path(field), object, field);
            }
        }
        boolean hashSuffix = base.generated() != null && base.generated().hashSuffix();
        resources.set(index, new Resource(object, generated.origin(), base.previousIds(),
                new Resource.Generated(base.generated() == null ? "create" : base.generated().behavior(),
                        hashSuffix)));
    }

    /** kustomize's id equality: group, version, kind, name and namespace, where no namespace means default. */
    private static boolean sameForMerge(ResId a, ResId b) {
        return a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind())
                && a.name().equals(b.name()) && effectiveNamespace(a).equals(effectiveNamespace(b));
    }

    private static String effectiveNamespace(ResId id) {
        return id.namespace().isEmpty() ? "default" : id.namespace();
    }

    /** Entries of the base's map that the generated object does not set are kept. */
    private static void mergeMap(JsonNode base, ObjectNode target, String field) {
        if (!(base instanceof ObjectNode baseMap) || baseMap.isEmpty()) {
            return;
        }
        ObjectNode merged = baseMap.deepCopy();
        if (target.get(field) instanceof ObjectNode own) {
            merged.setAll(own);
        }
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        merged.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        ObjectNode result = target.putObject(field);
        sorted.forEach(result::set);
    }

    private static Options options(Kustomization kustomization, String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return new Options(Map.of(), Map.of(), false, false);
        }
        if (!(node instanceof ObjectNode options)) {
            throw kustomization.error(where, "must be a map");
        }
        kustomization.knownFields(where, options, OPTION_FIELDS);
        return new Options(stringMap(kustomization, where + ".labels", options.get("labels")),
                stringMap(kustomization, where + ".annotations", options.get("annotations")),
                flag(kustomization, where, options, "disableNameSuffixHash"),
                flag(kustomization, where, options, "immutable"));
    }

    private static Map<String, String> stringMap(Kustomization kustomization, String where, JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!(node instanceof ObjectNode map)) {
            throw kustomization.error(where, "must be a map of strings");
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isTextual()) {
                throw kustomization.error(where + "." + entry.getKey(), "must be a string (quote it)");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    private static boolean flag(Kustomization kustomization, String where, ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw kustomization.error(where + "." + field, "must be true or false");
        }
        return value.asBoolean();
    }

    private static void putStrings(ObjectNode metadata, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = metadata.putObject(field);
            values.forEach(map::put);
        }
    }

    /**
     * Base64 as kustomize writes generated values: when the encoding is 70 characters or longer it is cut into
     * lines of 70, each ending in a newline. The content hash is taken over this text, so it must match exactly.
     */
    static String wrappedBase64(byte[] value) {
        String encoded = Base64.getEncoder().encodeToString(value);
        int lineLength = 70;
        if (encoded.length() / lineLength == 0) {
            return encoded;
        }
        StringBuilder wrapped = new StringBuilder(encoded.length() + encoded.length() / lineLength + 1);
        for (int start = 0; start < encoded.length(); start += lineLength) {
            wrapped.append(encoded, start, Math.min(start + lineLength, encoded.length())).append('\n');
        }
        return wrapped.toString();
    }
}
