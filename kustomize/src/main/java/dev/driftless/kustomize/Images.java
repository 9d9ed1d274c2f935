package dev.driftless.kustomize;

import java.util.List;

final class Images {

    private Images() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("images")) {
            throw kustomization.error("images", "is not implemented yet");
        }
        return resources;
    }
}
