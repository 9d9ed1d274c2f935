package dev.driftless.engine.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Objects;

/**
 * How the API server serves one kind: its REST path segment (plural) and whether objects live in a namespace.
 *
 * @param group      API group, empty for the core group
 * @param version    the version to use when no object names one (listing)
 * @param kind       e.g. {@code Deployment}
 * @param plural     e.g. {@code deployments}
 * @param namespaced whether objects of this kind live in a namespace
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {

    public ResourceType {
        group = group == null ? "" : group;
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
    }

    /** {@code group/Kind}, the form {@link dev.driftless.engine.model.ResourceKey#groupKind()} uses. */
    public String groupKind() {
        return group + "/" + kind;
    }

    /** The apiVersion of this type's own version, e.g. {@code apps/v1} or {@code v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The request context for objects of this kind sent with the given apiVersion (its version wins over ours). */
    public ResourceDefinitionContext context(String apiVersion) {
        String requestedVersion = apiVersion == null ? "" : apiVersion.substring(apiVersion.indexOf('/') + 1);
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(requestedVersion.isEmpty() ? version : requestedVersion)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    /** The request context using this type's own version. */
    public ResourceDefinitionContext context() {
        return context(version);
    }
}
