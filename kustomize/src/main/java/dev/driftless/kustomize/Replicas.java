package dev.driftless.kustomize;

import java.util.List;

final class Replicas {

    private Replicas() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("replicas")) {
            throw kustomization.error("replicas", "is not implemented yet");
        }
        return resources;
    }
}
