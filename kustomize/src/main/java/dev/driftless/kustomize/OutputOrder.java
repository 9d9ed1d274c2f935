package dev.driftless.kustomize;

import java.util.List;

/** kustomize's default ("legacy") output order. */
final class OutputOrder {

    private OutputOrder() {
    }

    static List<Resource> legacy(List<Resource> resources) {
        return resources;
    }
}
