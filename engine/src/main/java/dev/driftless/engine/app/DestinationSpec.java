package dev.driftless.engine.app;

import java.util.Objects;

/**
 * Where an application's objects go.
 *
 * @param cluster   the name of a declared cluster
 * @param namespace namespace for namespaced objects that name none
 */
public record DestinationSpec(String cluster, String namespace) {

    public DestinationSpec {
        Objects.requireNonNull(cluster, "cluster");
        namespace = namespace == null ? "" : namespace;
    }
}
