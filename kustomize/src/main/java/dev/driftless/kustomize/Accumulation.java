package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code resources} (and legacy {@code bases}) step: files are parsed, directories built recursively. */
final class Accumulation {

    private Accumulation() {
    }

    static List<Resource> resources(Kustomization kustomization, List<Resource> accumulated, Build build) {
        List<Resource> resources = new ArrayList<>(accumulated);
        for (String field : List.of("resources", "bases")) {
            for (String reference : kustomization.strings(field)) {
                List<Resource> loaded = FileLoader.isRemote(reference)
                        ? build.remote(kustomization.file(), field, reference, List.of(), false)
                        : local(kustomization, field, reference, build);
                for (Resource resource : loaded) {
                    add(kustomization, field, resources, resource);
                }
            }
        }
        return resources;
    }

    private static List<Resource> local(Kustomization kustomization, String field, String reference, Build build) {
        Path path = build.loader().resolve(kustomization.file(), field, reference);
        return Files.isDirectory(path) ? build.kustomization(path) : parse(build.loader(), kustomization, field, path);
    }

    /**
     * Adds a resource, refusing a second one with the same id as kustomize does: other versions of a kind are
     * other objects, and a namespaced object without a namespace is the one in {@code default}.
     */
    static void add(Kustomization kustomization, String field, List<Resource> resources, Resource resource) {
        for (Resource existing : resources) {
            if (Namespaces.sameId(existing.id(), resource.id())) {
                throw kustomization.error(field, "may not add resource with an already registered id: "
                        + resource.id() + " (from " + resource.origin() + " and " + existing.origin() + ")");
            }
        }
        resources.add(resource);
    }

    /** Parses a file of YAML documents into resources; {@code List} kinds are flattened. */
    static List<Resource> parse(FileLoader loader, Kustomization kustomization, String field, Path file) {
        String origin = loader.describe(file);
        List<Resource> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = Kustomization.YAML.readerFor(JsonNode.class)
                .readValues(loader.read(kustomization.file(), field, file))) {
            int index = 0;
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                index++;
                if (document == null || document.isNull() || document.isMissingNode()
                        || (document.isObject() && document.isEmpty())) {
                    continue;
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new KustomizeException(origin + ": document " + index + " is not a mapping");
                }
                if (object.path("kind").asText("").endsWith("List") && object.path("items").isArray()) {
                    for (JsonNode item : object.path("items")) {
                        resources.add(Resource.of(requireObject(origin, index, item), origin));
                    }
                } else {
                    resources.add(Resource.of(requireObject(origin, index, object), origin));
                }
            }
        } catch (JacksonException e) {
            throw YamlSyntax.error(origin, e);
        } catch (java.io.IOException e) {
            throw new KustomizeException(origin + ": cannot read: " + e.getMessage(), e);
        }
        return resources;
    }

    private static ObjectNode requireObject(String origin, int index, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new KustomizeException(origin + ": document " + index + " is not a mapping");
        }
        for (String field : List.of("apiVersion", "kind")) {
            if (object.path(field).asText("").isEmpty()) {
                throw new KustomizeException(origin + ": document " + index + ": missing " + field);
            }
        }
        if (object.path("metadata").path("name").asText("").isEmpty()) {
            throw new KustomizeException(origin + ": document " + index + ": missing metadata.name");
        }
        return object;
    }
}
