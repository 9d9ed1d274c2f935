package dev.driftless.engine.reconcile;

import java.util.Map;
import java.util.Optional;

/** The clusters applications name in their destination. The service backs it with kubeconfigs or a sandbox. */
@FunctionalInterface
public interface ClusterProvider {

    /** The cluster with this name; empty when none is declared. */
    Optional<ClusterConnection> find(String name);

    /** A fixed set of clusters. */
    static ClusterProvider of(Map<String, ClusterConnection> clusters) {
        Map<String, ClusterConnection> copy = Map.copyOf(clusters);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
