package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patch steps: {@code patchesStrategicMerge}, {@code patches} and {@code patchesJson6902}. A patch that is a
 * list of operations is a JSON 6902 patch; any other is a strategic merge patch. A strategic merge patch without
 * a target patches the object its own apiVersion, kind, name and namespace name; with a target, every object the
 * target selects, keeping each object's name and kind unless the options allow changing them.
 */
final class Patches {

    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target", "options");
    private static final Set<String> OPTIONS = Set.of("allowNameChange", "allowKindChange");
    private static final StrategicMerge MERGE = new StrategicMerge(PatchSchema.KUBERNETES);
    /** kustomize refuses to remove what is not there. */
    private static final EnumSet<CompatibilityFlags> JSON_PATCH_FLAGS =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    /** One loaded patch: its documents, and where it came from for messages. */
    private record Loaded(List<JsonNode> documents, String source) {
    }

    private record Options(boolean allowNameChange, boolean allowKindChange) {
    }

    private Patches() {
    }

    static List<Resource> strategicMerge(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = resources;
        List<JsonNode> entries = kustomization.list("patchesStrategicMerge");
        for (int i = 0; i < entries.size(); i++) {
            String field = "patchesStrategicMerge[" + i + "]";
            if (!entries.get(i).isTextual()) {
                throw kustomization.error(field, "must be a file path or an inline patch");
            }
            String entry = entries.get(i).asText();
            Loaded patch = entry.contains("\n")
                    ? parse(kustomization, field, entry, "inline patch")
                    : load(kustomization, field, entry, build);
            for (JsonNode document : patch.documents()) {
                ObjectNode smp = strategicMergePatch(kustomization, field, patch.source(), document);
                result = applyToOwnTarget(kustomization, field, patch.source(), smp, true, result);
            }
        }
        return result;
    }

    static List<Resource> patches(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = resources;
        List<JsonNode> entries = kustomization.list("patches");
        for (int i = 0; i < entries.size(); i++) {
            String field = "patches[" + i + "]";
            JsonNode entry = checkFields(kustomization, field, entries.get(i));
            Loaded patch = content(kustomization, field, entry, build);
            Options options = options(kustomization, field, entry.get("options"));
            JsonNode target = entry.get("target");
            if (isJson6902(patch)) {
                if (target == null || target.isNull()) {
                    throw kustomization.error(field, "a JSON 6902 patch (" + patch.source() + ") needs a target");
                }
                result = applyJson6902(kustomization, field, patch, Selector.parse(target, kustomization,
                        field + ".target"), result);
                continue;
            }
            if (patch.documents().size() != 1) {
                throw kustomization.error(field, patch.source() + " must hold exactly one patch, not "
                        + patch.documents().size());
            }
            ObjectNode smp = strategicMergePatch(kustomization, field, patch.source(), patch.documents().getFirst());
            if (target == null || target.isNull()) {
                result = applyToOwnTarget(kustomization, field, patch.source(), smp, false, result);
            } else {
                Selector selector = Selector.parse(target, kustomization, field + ".target");
                result = applyToSelected(kustomization, field, patch.source(), smp, selector, options, result);
            }
        }
        return result;
    }

    static List<Resource> json6902(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = resources;
        List<JsonNode> entries = kustomization.list("patchesJson6902");
        for (int i = 0; i < entries.size(); i++) {
            String field = "patchesJson6902[" + i + "]";
            JsonNode entry = checkFields(kustomization, field, entries.get(i));
            if (entry.has("options")) {
                throw kustomization.error(field + ".options", "unknown field");
            }
            JsonNode target = entry.get("target");
            if (target == null || target.isNull()) {
                throw kustomization.error(field + ".target", "is required");
            }
            Loaded patch = content(kustomization, field, entry, build);
            if (!isJson6902(patch)) {
                throw kustomization.error(field, patch.source() + " is not a JSON 6902 patch (a list of operations)");
            }
            result = applyJson6902(kustomization, field, patch,
                    Selector.parse(target, kustomization, field + ".target"), result);
        }
        return result;
    }

    private static JsonNode checkFields(Kustomization kustomization, String field, JsonNode entry) {
        if (!entry.isObject()) {
            throw kustomization.error(field, "must be a map with path or patch");
        }
        return kustomization.knownFields(field, entry, PATCH_FIELDS);
    }

    private static Options options(Kustomization kustomization, String field, JsonNode options) {
        if (options == null || options.isNull()) {
            return new Options(false, false);
        }
        if (!options.isObject()) {
            throw kustomization.error(field + ".options", "must be a map");
        }
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            if (!OPTIONS.contains(option.getKey())) {
                throw kustomization.error(field + ".options." + option.getKey(), "unknown option");
            }
            if (!option.getValue().isBoolean()) {
                throw kustomization.error(field + ".options." + option.getKey(), "must be true or false");
            }
        }
        return new Options(options.path("allowNameChange").asBoolean(), options.path("allowKindChange").asBoolean());
    }

    private static Loaded content(Kustomization kustomization, String field, JsonNode entry, Build build) {
        JsonNode path = entry.get("path");
        JsonNode inline = entry.get("patch");
        boolean hasPath = path != null && !path.isNull();
        boolean hasInline = inline != null && !inline.isNull();
        if (hasPath == hasInline) {
            throw kustomization.error(field, hasPath ? "set either path or patch, not both" : "needs a path or a patch");
        }
        if (hasPath) {
            if (!path.isTextual()) {
                throw kustomization.error(field + ".path", "must be a string");
            }
            return load(kustomization, field + ".path", path.asText(), build);
        }
        if (!inline.isTextual()) {
            throw kustomization.error(field + ".patch", "must be a string holding the patch");
        }
        return parse(kustomization, field + ".patch", inline.asText(), "inline patch");
    }

    private static Loaded load(Kustomization kustomization, String field, String reference, Build build) {
        Path file = build.loader().resolve(kustomization.file(), field, reference);
        return parse(kustomization, field, build.loader().read(kustomization.file(), field, file),
                build.loader().describe(file));
    }

    private static Loaded parse(Kustomization kustomization, String field, String text, String source) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = Kustomization.YAML.createParser(text)) {
            for (JsonNode document = Kustomization.YAML.readTree(parser); document != null;
                 document = Kustomization.YAML.readTree(parser)) {
                if (!document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw kustomization.error(field, source + ": YAML syntax error" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw kustomization.error(field, source + ": cannot read: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw kustomization.error(field, source + " is empty");
        }
        return new Loaded(documents, source);
    }

    private static boolean isJson6902(Loaded patch) {
        return patch.documents().size() == 1 && patch.documents().getFirst().isArray();
    }

    private static ObjectNode strategicMergePatch(Kustomization kustomization, String field, String source,
                                                  JsonNode document) {
        if (!(document instanceof ObjectNode patch)) {
            throw kustomization.error(field, source + ": a strategic merge patch must be a map");
        }
        for (String required : List.of("apiVersion", "kind")) {
            if (patch.path(required).asText("").isEmpty()) {
                throw kustomization.error(field, source + ": a strategic merge patch needs " + required);
            }
        }
        if (patch.path("metadata").path("name").asText("").isEmpty()) {
            throw kustomization.error(field, source + ": a strategic merge patch needs metadata.name");
        }
        return patch;
    }

    /**
     * The patch's own identity names the one object it patches, which must exist.
     *
     * @param metadataAsStrings whether labels and annotations of the patch are taken as strings (kustomize does
     *                          for {@code patchesStrategicMerge} but not for {@code patches} without a target)
     */
    private static List<Resource> applyToOwnTarget(Kustomization kustomization, String field, String source,
                                                   ObjectNode patch, boolean metadataAsStrings,
                                                   List<Resource> resources) {
        ResId wanted = ResId.of(patch);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).allIds().stream().anyMatch(id -> sameId(id, wanted))) {
                matches.add(i);
            }
        }
        if (matches.size() != 1) {
            throw kustomization.error(field, (matches.isEmpty() ? "no resource matches " : "several resources match ")
                    + wanted + ", the target of the patch " + source);
        }
        List<Resource> result = new ArrayList<>(resources);
        int index = matches.getFirst();
        Resource patched = strategicMerge(kustomization, field, source, resources.get(index), patch,
                new Options(false, false), metadataAsStrings);
        if (patched == null) {
            result.remove(index);
        } else {
            result.set(index, patched);
        }
        return result;
    }

    private static List<Resource> applyToSelected(Kustomization kustomization, String field, String source,
                                                  ObjectNode patch, Selector selector, Options options,
                                                  List<Resource> resources) {
        List<Resource> result = new ArrayList<>();
        for (Resource resource : resources) {
            if (!selector.matches(resource)) {
                result.add(resource);
                continue;
            }
            Resource patched = strategicMerge(kustomization, field, source, resource, patch, options, true);
            if (patched != null) {
                result.add(patched);
            }
        }
        return result;
    }

    /**
     * Gives the patch the target's apiVersion, merges, and puts back the target's namespace and, unless allowed
     * to change, its name and kind.
     *
     * @param metadataAsStrings kustomize copies the patch's labels and annotations as string maps on most paths,
     *                          so there a null label becomes empty instead of deleting the label
     */
    private static Resource strategicMerge(Kustomization kustomization, String field, String source,
                                           Resource resource, ObjectNode patch, Options options,
                                           boolean metadataAsStrings) {
        ObjectNode target = resource.object();
        ObjectNode prepared = patch.deepCopy();
        prepared.put("apiVersion", target.path("apiVersion").asText());
        for (String map : metadataAsStrings ? List.of("labels", "annotations") : List.<String>of()) {
            if (prepared.path("metadata").get(map) instanceof ObjectNode values) {
                values.properties().forEach(entry -> entry.setValue(
                        values.textNode(entry.getValue().isNull() ? "" : entry.getValue().asText())));
            }
        }
        ObjectNode merged;
        try {
            merged = MERGE.apply(target, prepared);
        } catch (KustomizeException e) {
            throw kustomization.error(field, "cannot apply " + source + " to " + resource.id() + ": "
                    + e.getMessage());
        }
        if (merged == null) {
            return null;
        }
        if (!options.allowKindChange()) {
            merged.set("kind", target.get("kind"));
        }
        ObjectNode metadata = merged.withObjectProperty("metadata");
        if (!options.allowNameChange()) {
            metadata.set("name", target.path("metadata").get("name"));
        }
        JsonNode namespace = target.path("metadata").get("namespace");
        if (namespace == null) {
            metadata.remove("namespace");
        } else {
            metadata.set("namespace", namespace);
        }
        return ResId.of(merged).equals(resource.id()) ? resource.withObject(merged) : resource.renamed(merged);
    }

    private static List<Resource> applyJson6902(Kustomization kustomization, String field, Loaded patch,
                                                Selector selector, List<Resource> resources) {
        ArrayNode operations = (ArrayNode) patch.documents().getFirst();
        for (int i = 0; i < operations.size(); i++) {
            if (!operations.get(i).isObject() || !operations.get(i).path("op").isTextual()) {
                throw kustomization.error(field, patch.source() + ": operation " + i + " must be a map with op");
            }
        }
        List<Resource> result = new ArrayList<>();
        for (Resource resource : resources) {
            if (!selector.matches(resource)) {
                result.add(resource);
                continue;
            }
            JsonNode patched;
            try {
                patched = JsonPatch.apply(operations, resource.object(), JSON_PATCH_FLAGS);
            } catch (JsonPatchException | IllegalArgumentException e) {
                // a failed test operation quotes values, which must not leak a Secret's data
                String reason = "Secret".equals(resource.id().kind()) ? "an operation failed" : e.getMessage();
                throw kustomization.error(field, "cannot apply " + patch.source() + " to " + resource.id() + ": "
                        + reason);
            }
            if (!(patched instanceof ObjectNode object)) {
                throw kustomization.error(field, patch.source() + " turned " + resource.id() + " into a "
                        + patched.getNodeType() + ", not an object");
            }
            result.add(ResId.of(object).equals(resource.id()) ? resource.withObject(object) : resource.renamed(object));
        }
        return result;
    }

    /** kustomize's id equality: the whole group/version/kind and name, with no namespace meaning default. */
    private static boolean sameId(ResId id, ResId wanted) {
        return id.group().equals(wanted.group()) && id.version().equals(wanted.version())
                && id.kind().equals(wanted.kind()) && id.name().equals(wanted.name())
                && effectiveNamespace(id).equals(effectiveNamespace(wanted));
    }

    private static String effectiveNamespace(ResId id) {
        return id.namespace().isEmpty() ? "default" : id.namespace();
    }
}
