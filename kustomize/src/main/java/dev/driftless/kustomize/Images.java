package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code images} transformer: rewrites the {@code image} of every item of every {@code containers} and
 * {@code initContainers} list, wherever it sits in an object and whatever the kind (Pods, workload templates,
 * CronJob job templates, custom resources), except in CustomResourceDefinitions. Kustomize's own image field
 * specs all lie inside such lists, so this walk covers them.
 */
final class Images {

    private static final Set<String> FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers");

    /**
     * One {@code images} entry.
     *
     * @param name    image to match, with or without tag and digest in the object
     * @param newName replacement name, or empty
     * @param newTag  replacement tag, or empty
     * @param digest  replacement digest, or empty
     */
    record ImageOverride(String name, String newName, String newTag, String digest) {

        /**
         * The image with this override applied, or the image itself when its name does not match. A new tag
         * alone drops an old digest and a new digest alone drops an old tag; with both, both are kept.
         */
        String apply(String image) {
            if (!ImageReference.matches(image, name)) {
                return image;
            }
            ImageReference old = ImageReference.parse(image);
            String tag = old.tag();
            String newDigest = old.digest();
            if (!newTag.isEmpty() || !digest.isEmpty()) {
                tag = newTag;
                newDigest = digest;
            }
            return new ImageReference(newName.isEmpty() ? old.name() : newName, tag, newDigest).toString();
        }
    }

    private Images() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<ImageOverride> overrides = overrides(kustomization);
        if (overrides.isEmpty()) {
            return resources;
        }
        List<Resource> result = new ArrayList<>(resources.size());
        for (Resource resource : resources) {
            if (resource.id().kind().equals("CustomResourceDefinition")) {
                result.add(resource);
                continue;
            }
            ObjectNode object = resource.object().deepCopy();
            boolean changed = false;
            for (ImageOverride override : overrides) {
                changed |= rewrite(object, override);
            }
            result.add(changed ? resource.withObject(object) : resource);
        }
        return result;
    }

    static List<ImageOverride> overrides(Kustomization kustomization) {
        List<ImageOverride> overrides = new ArrayList<>();
        List<JsonNode> entries = kustomization.list("images");
        for (int i = 0; i < entries.size(); i++) {
            String field = "images[" + i + "]";
            JsonNode entry = entries.get(i);
            if (!entry.isObject()) {
                throw kustomization.error(field, "must be a map with name and newName, newTag or digest");
            }
            kustomization.knownFields(field, entry, FIELDS);
            overrides.add(new ImageOverride(text(kustomization, entry, field, "name"),
                    text(kustomization, entry, field, "newName"), text(kustomization, entry, field, "newTag"),
                    text(kustomization, entry, field, "digest")));
        }
        return overrides;
    }

    private static String text(Kustomization kustomization, JsonNode entry, String field, String name) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw kustomization.error(field + "." + name, "must be a string (quote it: \"" + value.asText() + "\")");
        }
        return value.asText();
    }

    private static boolean rewrite(JsonNode node, ImageOverride override) {
        boolean changed = false;
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                changed |= rewrite(item, override);
            }
        } else if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                changed |= rewrite(field.getValue(), override);
                if (CONTAINER_LISTS.contains(field.getKey()) && field.getValue() instanceof ArrayNode containers) {
                    changed |= rewriteContainers(containers, override);
                }
            }
        }
        return changed;
    }

    private static boolean rewriteContainers(ArrayNode containers, ImageOverride override) {
        boolean changed = false;
        for (JsonNode container : containers) {
            if (container instanceof ObjectNode object && object.get("image") instanceof TextNode image) {
                String rewritten = override.apply(image.asText());
                if (!rewritten.equals(image.asText())) {
                    object.put("image", rewritten);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
