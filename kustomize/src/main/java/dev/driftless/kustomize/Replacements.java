package dev.driftless.kustomize;

import java.util.List;

final class Replacements {

    private Replacements() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("replacements")) {
            throw kustomization.error("replacements", "is not implemented yet");
        }
        return resources;
    }
}
