package dev.driftless.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.model.Manifest;

import java.util.List;

/** Gives namespaced desired objects that name no namespace the application's destination namespace. */
public final class NamespaceAssignment {

    private NamespaceAssignment() {
    }

    /**
     * @throws PlanException for a cluster-scoped object that names a namespace, or a namespaced object without one
     *                       when the application has no destination namespace
     * @throws dev.driftless.engine.cluster.UnknownKindException for a kind the mapper does not know
     */
    public static List<Manifest> assign(List<Manifest> desired, String destinationNamespace, ResourceMapper mapper) {
        return desired.stream().map(manifest -> assign(manifest, destinationNamespace, mapper)).toList();
    }

    private static Manifest assign(Manifest manifest, String destinationNamespace, ResourceMapper mapper) {
        boolean namespaced = mapper.resolve(manifest).namespaced();
        String namespace = manifest.key().namespace();
        if (!namespaced) {
            if (!namespace.isEmpty()) {
                throw new PlanException(manifest.kind() + " " + manifest.key().name() + " from " + manifest.origin()
                        + " is cluster-scoped but sets metadata.namespace: " + namespace);
            }
            return manifest;
        }
        if (!namespace.isEmpty()) {
            return manifest;
        }
        if (destinationNamespace == null || destinationNamespace.isEmpty()) {
            throw new PlanException(manifest.kind() + " " + manifest.key().name() + " from " + manifest.origin()
                    + " is namespaced but sets no metadata.namespace and the application has no destination namespace");
        }
        ObjectNode body = manifest.body().deepCopy();
        body.withObjectProperty("metadata").put("namespace", destinationNamespace);
        return manifest.withBody(body);
    }
}
