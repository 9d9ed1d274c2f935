package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code namespace} transformer: every namespaced object moves to the namespace, a Namespace object is
 * renamed to it, RoleBinding and ClusterRoleBinding subjects named {@code default} (the default ServiceAccount)
 * follow it, and the service references of APIServices and CRD conversion webhooks point into it.
 */
final class Namespaces {

    /**
     * Kinds kustomize 4.5.4 knows to be cluster-scoped, by API version: its built-in OpenAPI data (Kubernetes
     * 1.20, stable and beta versions only). Any other kind, custom resources included, counts as namespaced.
     */
    private static final Map<String, Set<String>> CLUSTER_SCOPED = Map.ofEntries(
            Map.entry("v1", Set.of("Namespace", "Node", "PersistentVolume", "ComponentStatus")),
            Map.entry("rbac.authorization.k8s.io/v1", Set.of("ClusterRole", "ClusterRoleBinding")),
            Map.entry("rbac.authorization.k8s.io/v1beta1", Set.of("ClusterRole", "ClusterRoleBinding")),
            Map.entry("apiextensions.k8s.io/v1", Set.of("CustomResourceDefinition")),
            Map.entry("apiextensions.k8s.io/v1beta1", Set.of("CustomResourceDefinition")),
            Map.entry("admissionregistration.k8s.io/v1",
                    Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")),
            Map.entry("admissionregistration.k8s.io/v1beta1",
                    Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")),
            Map.entry("apiregistration.k8s.io/v1", Set.of("APIService")),
            Map.entry("apiregistration.k8s.io/v1beta1", Set.of("APIService")),
            Map.entry("storage.k8s.io/v1", Set.of("StorageClass", "CSIDriver", "CSINode", "VolumeAttachment")),
            Map.entry("storage.k8s.io/v1beta1", Set.of("StorageClass", "CSIDriver", "CSINode", "VolumeAttachment")),
            Map.entry("scheduling.k8s.io/v1", Set.of("PriorityClass")),
            Map.entry("scheduling.k8s.io/v1beta1", Set.of("PriorityClass")),
            Map.entry("node.k8s.io/v1", Set.of("RuntimeClass")),
            Map.entry("node.k8s.io/v1beta1", Set.of("RuntimeClass")),
            Map.entry("policy/v1beta1", Set.of("PodSecurityPolicy")),
            Map.entry("networking.k8s.io/v1", Set.of("IngressClass")),
            Map.entry("networking.k8s.io/v1beta1", Set.of("IngressClass")),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta1", Set.of("FlowSchema", "PriorityLevelConfiguration")),
            Map.entry("certificates.k8s.io/v1", Set.of("CertificateSigningRequest")),
            Map.entry("certificates.k8s.io/v1beta1", Set.of("CertificateSigningRequest")));

    private static final Set<String> ROLE_BINDINGS = Set.of("RoleBinding", "ClusterRoleBinding");

    private Namespaces() {
    }

    static boolean isClusterScoped(ResId id) {
        return CLUSTER_SCOPED.getOrDefault(id.apiVersion(), Set.of()).contains(id.kind());
    }

    /**
     * The namespace kustomize compares ids in: none for cluster-scoped kinds, and {@code default} for a
     * namespaced object that names none.
     */
    static String effectiveNamespace(ResId id) {
        if (isClusterScoped(id)) {
            return "";
        }
        return id.namespace().isEmpty() ? "default" : id.namespace();
    }

    /** Whether two ids name the same object as kustomize sees it (versions count; "" and default are one). */
    static boolean sameId(ResId a, ResId b) {
        return a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind())
                && a.name().equals(b.name()) && effectiveNamespace(a).equals(effectiveNamespace(b));
    }

    static List<Resource> apply(Kustomization kustomization, List<Resource> resources, Build build) {
        String namespace = kustomization.string("namespace");
        if (namespace.isEmpty()) {
            return resources;
        }
        List<Resource> moved = new ArrayList<>();
        for (Resource resource : resources) {
            moved.add(resource.renamed(moveTo(resource.object(), namespace)));
        }
        for (Resource resource : moved) {
            long same = moved.stream().filter(other -> sameId(other.id(), resource.id())).count();
            if (same > 1) {
                throw kustomization.error("namespace", "namespace transformation produces ID conflict: "
                        + same + " objects become " + resource.id());
            }
        }
        return moved;
    }

    private static ObjectNode moveTo(ObjectNode original, String namespace) {
        ObjectNode object = original.deepCopy();
        ResId id = ResId.of(object);
        TextNode value = TextNode.valueOf(namespace);
        if (!isClusterScoped(id)) {
            FieldPaths.edit(object, "metadata/namespace", true, current -> value);
        }
        if (ROLE_BINDINGS.contains(id.kind())) {
            for (JsonNode subject : object.path("subjects")) {
                if (subject instanceof ObjectNode entry && "default".equals(entry.path("name").asText(null))) {
                    entry.set("namespace", value);
                }
            }
        }
        for (FieldSpec spec : BuiltinFieldSpecs.NAMESPACE_SPECS) {
            if (spec.appliesTo(id)) {
                FieldPaths.edit(object, spec.path(), spec.create(), current -> value);
            }
        }
        return object;
    }
}
