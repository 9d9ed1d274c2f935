package dev.driftless.kustomize;

import java.util.List;

final class Patches {

    private Patches() {
    }

    static List<Resource> strategicMerge(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("patchesStrategicMerge")) {
            throw kustomization.error("patchesStrategicMerge", "is not implemented yet");
        }
        return resources;
    }

    static List<Resource> patches(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("patches")) {
            throw kustomization.error("patches", "is not implemented yet");
        }
        return resources;
    }

    static List<Resource> json6902(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("patchesJson6902")) {
            throw kustomization.error("patchesJson6902", "is not implemented yet");
        }
        return resources;
    }
}
