package dev.driftless.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of a Kubernetes object: API group, kind, namespace and name.
 * The version is deliberately not part of the identity: {@code apps/v1} and {@code apps/v1beta1}
 * Deployments with the same name are the same object.
 *
 * @param group     API group, empty for the core group
 * @param kind      kind, e.g. {@code Deployment}
 * @param namespace namespace, empty for cluster-scoped objects (or objects whose namespace is not yet assigned)
 * @param name      metadata.name
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        group = group == null ? "" : group;
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** Reads the key of an object from its apiVersion, kind and metadata. Missing fields become empty strings. */
    public static ResourceKey of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ResourceKey(
                groupOf(object.path("apiVersion").asText("")),
                object.path("kind").asText(""),
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""));
    }

    /** The group part of an apiVersion: {@code apps/v1} gives {@code apps}, {@code v1} gives the empty core group. */
    public static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    public ResourceKey withNamespace(String newNamespace) {
        return new ResourceKey(group, kind, newNamespace, name);
    }

    /** {@code group/Kind} as Argo CD and kubectl print it, e.g. {@code apps/Deployment} or {@code /Service}. */
    public String groupKind() {
        return group + "/" + kind;
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    /** {@code group/Kind:namespace/name}: the form used in tracking annotations and human output. */
    @Override
    public String toString() {
        return groupKind() + ":" + namespace + "/" + name;
    }
}
