package dev.driftless.engine.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceKeyTest {

    @Test
    void readsGroupKindNamespaceAndNameFromAnObject() throws Exception {
        var deployment = Documents.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                """);
        assertThat(ResourceKey.of(deployment)).isEqualTo(new ResourceKey("apps", "Deployment", "shop", "web"));
        assertThat(ResourceKey.of(deployment).toString()).isEqualTo("apps/Deployment:shop/web");
    }

    @Test
    void coreGroupIsEmptyAndClusterScopedHasNoNamespace() throws Exception {
        var namespace = Documents.YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}");
        ResourceKey key = ResourceKey.of(namespace);
        assertThat(key.group()).isEmpty();
        assertThat(key.clusterScoped()).isTrue();
    }
}
