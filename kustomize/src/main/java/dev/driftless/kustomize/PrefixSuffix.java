package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code namePrefix} and {@code nameSuffix}: every name gets them, except the kinds kustomize leaves alone
 * (Namespaces, CRDs, APIServices). Renamed resources keep their old ids so name references follow.
 */
final class PrefixSuffix {

    private PrefixSuffix() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        String prefix = kustomization.string("namePrefix");
        String suffix = kustomization.string("nameSuffix");
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return resources;
        }
        return resources.stream().map(resource -> skipped(resource.id()) ? resource : rename(resource, prefix, suffix))
                .toList();
    }

    private static boolean skipped(ResId id) {
        return BuiltinFieldSpecs.PREFIX_SUFFIX_SKIPPED.stream().anyMatch(spec -> spec.appliesTo(id));
    }

    private static Resource rename(Resource resource, String prefix, String suffix) {
        ObjectNode object = resource.object().deepCopy();
        ((ObjectNode) object.path("metadata")).put("name", prefix + resource.id().name() + suffix);
        return resource.renamed(object);
    }
}
