package dev.driftless.kustomize;

import java.util.List;

/** A kustomization's built-in transformers, in the order kustomize runs them. */
final class Transformers {

    private Transformers() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        List<Resource> result = resources;
        result = Patches.strategicMerge(kustomization, result, build);
        result = Patches.patches(kustomization, result, build);
        result = Namespaces.apply(kustomization, result, build);
        result = PrefixSuffix.apply(kustomization, result, build);
        result = Labels.apply(kustomization, result, build);
        result = Annotations.apply(kustomization, result, build);
        result = Patches.json6902(kustomization, result, build);
        result = Replicas.apply(kustomization, result, build);
        result = Images.apply(kustomization, result, build);
        result = Replacements.apply(kustomization, result, build);
        return result;
    }
}
