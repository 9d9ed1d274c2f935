package dev.driftless.kustomize;

import java.util.List;

final class HelmCharts {

    private HelmCharts() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        for (String field : List.of("helmCharts", "helmGlobals")) {
            if (kustomization.has(field)) {
                throw kustomization.error(field, "is not implemented yet");
            }
        }
        return resources;
    }
}
