package dev.driftless.kustomize;

import java.util.List;

/** A kustomization's built-in generators, in the order kustomize runs them. */
final class Generators {

    private Generators() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = ConfigMapSecretGenerators.apply(kustomization, resources, build);
        return HelmCharts.apply(kustomization, result, build);
    }
}
