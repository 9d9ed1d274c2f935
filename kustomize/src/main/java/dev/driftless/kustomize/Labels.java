package dev.driftless.kustomize;

import java.util.List;

final class Labels {

    private Labels() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        if (kustomization.has("commonLabels")) {
            throw kustomization.error("commonLabels", "is not implemented yet");
        }
        if (kustomization.has("labels")) {
            throw kustomization.error("labels", "is not implemented yet");
        }
        return resources;
    }
}
