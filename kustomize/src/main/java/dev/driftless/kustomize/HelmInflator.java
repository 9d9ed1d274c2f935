package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders the charts of a {@code helmCharts} entry. Kustomize runs the helm binary; this library leaves the engine
 * to its caller (Driftless plugs in its in-process Helm renderer), so the library itself needs no Helm.
 */
@FunctionalInterface
public interface HelmInflator {

    /** Refuses every chart: for callers that do not offer Helm. */
    HelmInflator NONE = (chart, kustomization) -> {
        throw new KustomizeException(kustomization + ": helmCharts: Helm is not available in this build");
    };

    /**
     * @param chart         the {@code helmCharts} entry with {@code chartHome} resolved to an absolute path
     *                      in {@code chartHome}
     * @param kustomization the kustomization file, as messages show it
     */
    List<ObjectNode> inflate(ObjectNode chart, String kustomization);

    /** The chart home directory resolved for an entry, as passed to {@link #inflate}. */
    static Path chartHome(ObjectNode chart) {
        return Path.of(chart.path("chartHome").asText());
    }
}
