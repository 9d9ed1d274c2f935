package dev.driftless.kustomize;

import java.util.List;

final class PrefixSuffix {

    private PrefixSuffix() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("namePrefix")) {
            throw kustomization.error("namePrefix", "is not implemented yet");
        }
        if (kustomization.has("nameSuffix")) {
            throw kustomization.error("nameSuffix", "is not implemented yet");
        }
        return resources;
    }
}
