package dev.driftless.kustomize;

import java.util.List;

final class Annotations {

    private Annotations() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("commonAnnotations")) {
            throw kustomization.error("commonAnnotations", "is not implemented yet");
        }
        return resources;
    }
}
