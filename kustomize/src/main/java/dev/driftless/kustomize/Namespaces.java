package dev.driftless.kustomize;

import java.util.List;

final class Namespaces {

    private Namespaces() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("namespace")) {
            throw kustomization.error("namespace", "is not implemented yet");
        }
        return resources;
    }
}
