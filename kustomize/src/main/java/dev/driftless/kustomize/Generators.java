package dev.driftless.kustomize;

import java.util.List;

final class Generators {

    private Generators() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("configMapGenerator")) {
            throw kustomization.error("configMapGenerator", "is not implemented yet");
        }
        if (kustomization.has("secretGenerator")) {
            throw kustomization.error("secretGenerator", "is not implemented yet");
        }
        if (kustomization.has("generatorOptions")) {
            throw kustomization.error("generatorOptions", "is not implemented yet");
        }
        if (kustomization.has("helmCharts")) {
            throw kustomization.error("helmCharts", "is not implemented yet");
        }
        if (kustomization.has("helmGlobals")) {
            throw kustomization.error("helmGlobals", "is not implemented yet");
        }
        return resources;
    }
}
