package dev.driftless.engine.sync;

import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.cluster.UnknownKindException;
import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamespaceAssignmentTest {

    private final ResourceMapper mapper = ResourceMapper.builtIn();

    @Test
    void namespacedObjectsWithoutANamespaceGetTheDestination() {
        Manifest bare = manifest("{apiVersion: apps/v1, kind: Deployment, metadata: {name: api}}");
        Manifest placed = manifest("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: other}}");
        Manifest clusterWide = manifest("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: reader}}");

        List<Manifest> assigned = NamespaceAssignment.assign(List.of(bare, placed, clusterWide), "shop", mapper);

        assertThat(assigned).extracting(Manifest::key).containsExactly(
                new ResourceKey("apps", "Deployment", "shop", "api"),
                new ResourceKey("", "ConfigMap", "other", "c"),
                new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "reader"));
        assertThat(assigned.getFirst().body().at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(assigned.getFirst().origin()).isEqualTo("test.yaml#api");
        assertThat(bare.key().namespace()).as("the input is left alone").isEmpty();
    }

    @Test
    void clusterScopedObjectWithANamespaceIsAnError() {
        Manifest wrong = manifest("{apiVersion: v1, kind: Namespace, metadata: {name: shop, namespace: default}}");

        assertThatThrownBy(() -> NamespaceAssignment.assign(List.of(wrong), "shop", mapper))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Namespace shop from test.yaml#shop is cluster-scoped but sets metadata.namespace: default");
    }

    @Test
    void namespacedObjectWithoutAnyNamespaceIsAnError() {
        Manifest bare = manifest("{apiVersion: v1, kind: Service, metadata: {name: api}}");

        assertThatThrownBy(() -> NamespaceAssignment.assign(List.of(bare), "", mapper))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("Service api from test.yaml#api")
                .hasMessageContaining("no destination namespace");
    }

    @Test
    void unknownKindIsAnErrorNamingItsOrigin() {
        Manifest gadget = manifest("{apiVersion: example.com/v1, kind: Gadget, metadata: {name: g}}");

        assertThatThrownBy(() -> NamespaceAssignment.assign(List.of(gadget), "shop", mapper))
                .isInstanceOf(UnknownKindException.class)
                .hasMessageContaining("Gadget")
                .hasMessageContaining("example.com/v1")
                .hasMessageContaining("test.yaml#g");
    }
}
