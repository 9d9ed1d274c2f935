package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Appends the content-hash suffix to the names of generated ConfigMaps and Secrets, once, after the whole
 * pipeline: the hash covers the final data (merged, patched), and the name keeps any prefix and suffix.
 */
final class GeneratedNames {

    private GeneratedNames() {
    }

    static List<Resource> applyHashSuffixes(List<Resource> resources) {
        return resources.stream().map(GeneratedNames::withHashSuffix).toList();
    }

    private static Resource withHashSuffix(Resource resource) {
        if (resource.generated() == null || !resource.generated().hashSuffix()) {
            return resource;
        }
        ObjectNode object = resource.object().deepCopy();
        object.withObjectProperty("metadata").put("name", resource.id().name() + "-" + ContentHash.of(object));
        return resource.renamed(object);
    }
}
