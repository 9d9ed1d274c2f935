package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Identity of a resource as kustomize matches it: group, version, kind, namespace and name.
 * Namespace is empty when the object names none.
 */
public record ResId(String group, String version, String kind, String namespace, String name) {

    public ResId {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    public static ResId of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        JsonNode metadata = object.path("metadata");
        return new ResId(slash < 0 ? "" : apiVersion.substring(0, slash),
                slash < 0 ? apiVersion : apiVersion.substring(slash + 1),
                object.path("kind").asText(""),
                metadata.path("namespace").asText(""),
                metadata.path("name").asText(""));
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Same group, kind, namespace and name; versions may differ (kustomize treats them as one object). */
    public boolean sameObject(ResId other) {
        return group.equals(other.group) && kind.equals(other.kind) && namespace.equals(other.namespace)
                && name.equals(other.name);
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "" : group + "_") + version + "_" + kind + "|" + namespace + "|" + name;
    }
}
