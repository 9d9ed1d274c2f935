package dev.driftless.kustomize;

import java.util.List;

/** {@code commonAnnotations}: on every object and on the pod and job templates of the workload kinds. */
final class Annotations {

    private Annotations() {
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        return Labels.putEntries(resources, Labels.stringMap(kustomization, "commonAnnotations",
                kustomization.raw().get("commonAnnotations")), BuiltinFieldSpecs.COMMON_ANNOTATION_SPECS);
    }
}
