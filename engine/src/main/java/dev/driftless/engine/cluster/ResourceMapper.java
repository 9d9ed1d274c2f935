package dev.driftless.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a kind to how the API server serves it. Immutable: each {@code with...} method returns a new mapper.
 *
 * <p>Built from three sources, later ones winning: a built-in table of the core kinds (enough when discovery does
 * not answer, as on fabric8's mock server), the cluster's discovery API, and the CustomResourceDefinitions among
 * the desired objects (so a CRD and its custom resources can be applied in the same sync).
 */
public final class ResourceMapper {

    private static final List<ResourceType> BUILT_IN = List.of(
            core("Namespace", "namespaces", false),
            core("ConfigMap", "configmaps", true),
            core("Secret", "secrets", true),
            core("Service", "services", true),
            core("ServiceAccount", "serviceaccounts", true),
            core("Pod", "pods", true),
            core("PersistentVolumeClaim", "persistentvolumeclaims", true),
            core("PersistentVolume", "persistentvolumes", false),
            core("LimitRange", "limitranges", true),
            core("ResourceQuota", "resourcequotas", true),
            core("Endpoints", "endpoints", true),
            core("ReplicationController", "replicationcontrollers", true),
            new ResourceType("apps", "v1", "Deployment", "deployments", true),
            new ResourceType("apps", "v1", "StatefulSet", "statefulsets", true),
            new ResourceType("apps", "v1", "DaemonSet", "daemonsets", true),
            new ResourceType("apps", "v1", "ReplicaSet", "replicasets", true),
            new ResourceType("batch", "v1", "Job", "jobs", true),
            new ResourceType("batch", "v1", "CronJob", "cronjobs", true),
            new ResourceType("networking.k8s.io", "v1", "Ingress", "ingresses", true),
            new ResourceType("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
            new ResourceType("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            new ResourceType("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
            new ResourceType("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            new ResourceType("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            new ResourceType("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
            new ResourceType("apiregistration.k8s.io", "v1", "APIService", "apiservices", false),
            new ResourceType("storage.k8s.io", "v1", "StorageClass", "storageclasses", false),
            new ResourceType("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false));

    private final Map<String, ResourceType> byGroupKind;

    private ResourceMapper(Map<String, ResourceType> byGroupKind) {
        this.byGroupKind = Map.copyOf(byGroupKind);
    }

    /** The built-in table of core kinds alone. */
    public static ResourceMapper builtIn() {
        return new ResourceMapper(Map.of()).withTypes(BUILT_IN);
    }

    /** This mapper plus the given types, which replace any known type of the same group and kind. */
    public ResourceMapper withTypes(Collection<ResourceType> types) {
        Map<String, ResourceType> merged = new LinkedHashMap<>(byGroupKind);
        types.forEach(type -> merged.put(type.groupKind(), type));
        return new ResourceMapper(merged);
    }

    /**
     * This mapper plus the kinds defined by the CustomResourceDefinitions among the desired objects.
     *
     * @throws ClusterException when a CRD lacks its group, names or scope, naming the CRD and its origin
     */
    public ResourceMapper withCustomResourcesFrom(List<Manifest> desired) {
        return withTypes(desired.stream()
                .filter(manifest -> "apiextensions.k8s.io".equals(manifest.key().group())
                        && "CustomResourceDefinition".equals(manifest.kind()))
                .map(ResourceMapper::definedType)
                .toList());
    }

    public Optional<ResourceType> find(String group, String kind) {
        return Optional.ofNullable(byGroupKind.get((group == null ? "" : group) + "/" + kind));
    }

    /** The type of a desired object; fails with a message naming the kind, apiVersion and origin. */
    public ResourceType resolve(Manifest manifest) {
        return find(manifest.key().group(), manifest.kind()).orElseThrow(() -> new UnknownKindException(
                "unknown kind " + manifest.kind() + " (apiVersion " + manifest.apiVersion() + ") of "
                        + manifest.key() + " from " + manifest.origin()
                        + ": the cluster does not serve it and no CustomResourceDefinition in the source defines it"));
    }

    /** The type of an object known by key only; fails with a message naming the kind. */
    public ResourceType resolve(ResourceKey key) {
        return find(key.group(), key.kind()).orElseThrow(() -> new UnknownKindException(
                "unknown kind " + key.groupKind() + " of " + key + ": the cluster does not serve it"));
    }

    /** Every known type, in no particular order. */
    public Collection<ResourceType> types() {
        return byGroupKind.values();
    }

    private static ResourceType core(String kind, String plural, boolean namespaced) {
        return new ResourceType("", "v1", kind, plural, namespaced);
    }

    private static ResourceType definedType(Manifest crd) {
        String group = requiredText(crd, "spec.group");
        String kind = requiredText(crd, "spec.names.kind");
        String plural = requiredText(crd, "spec.names.plural");
        String scope = requiredText(crd, "spec.scope");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            throw invalidCrd(crd, "spec.scope must be Namespaced or Cluster, not " + scope);
        }
        String version = storageVersion(crd, crd.body().path("spec").path("versions"));
        return new ResourceType(group, version, kind, plural, scope.equals("Namespaced"));
    }

    private static String storageVersion(Manifest crd, JsonNode versions) {
        String first = null;
        for (JsonNode version : versions) {
            String name = version.path("name").asText("");
            if (version.path("storage").asBoolean(false) && !name.isEmpty()) {
                return name;
            }
            first = first == null && !name.isEmpty() ? name : first;
        }
        if (first == null) {
            throw invalidCrd(crd, "spec.versions names no version");
        }
        return first;
    }

    private static String requiredText(Manifest crd, String path) {
        String value = crd.body().at("/" + path.replace('.', '/')).asText("");
        if (value.isEmpty()) {
            throw invalidCrd(crd, "missing " + path);
        }
        return value;
    }

    private static ClusterException invalidCrd(Manifest crd, String reason) {
        return new ClusterException("CustomResourceDefinition " + crd.key().name() + " from " + crd.origin()
                + " is invalid: " + reason, 0, null);
    }
}
