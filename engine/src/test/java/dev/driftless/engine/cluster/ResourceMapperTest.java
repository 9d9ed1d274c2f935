package dev.driftless.engine.cluster;

import dev.driftless.engine.model.ResourceKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.driftless.engine.testing.ClusterFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceMapperTest {

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: %s
              names: {kind: Widget, plural: widgets}
              versions:
              - {name: v1alpha1, served: true, storage: false}
              - {name: v1, served: true, storage: true}
            """;

    @Test
    void builtInTableKnowsPluralsAndScopesOfCoreKinds() {
        ResourceMapper mapper = ResourceMapper.builtIn();
        assertThat(mapper.find("apps", "Deployment")).contains(new ResourceType("apps", "v1", "Deployment", "deployments", true));
        assertThat(mapper.find("", "Endpoints")).map(ResourceType::plural).contains("endpoints");
        assertThat(mapper.find("networking.k8s.io", "Ingress")).map(ResourceType::plural).contains("ingresses");
        assertThat(mapper.find("rbac.authorization.k8s.io", "ClusterRole")).map(ResourceType::namespaced).contains(false);
        assertThat(mapper.find("", "Namespace")).map(ResourceType::namespaced).contains(false);
        assertThat(mapper.find("", "Deployment")).as("the group is part of the identity").isEmpty();
    }

    @Test
    void customResourceDefinitionsAmongTheDesiredObjectsDefineTheirKinds() {
        ResourceMapper mapper = ResourceMapper.builtIn().withCustomResourcesFrom(List.of(manifest(CRD.formatted("Namespaced"))));
        ResourceType widget = mapper.resolve(manifest("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}"));
        assertThat(widget).isEqualTo(new ResourceType("example.com", "v1", "Widget", "widgets", true));
        assertThat(widget.context("example.com/v1alpha1").getVersion()).as("the object's version wins").isEqualTo("v1alpha1");
        assertThat(ResourceMapper.builtIn().withCustomResourcesFrom(List.of(manifest(CRD.formatted("Cluster"))))
                .find("example.com", "Widget")).map(ResourceType::namespaced).contains(false);
    }

    @Test
    void unknownKindNamesTheKindApiVersionAndOrigin() {
        var gadget = manifest("{apiVersion: example.com/v2, kind: Gadget, metadata: {name: g1, namespace: shop}}");
        assertThatThrownBy(() -> ResourceMapper.builtIn().resolve(gadget))
                .isInstanceOf(UnknownKindException.class)
                .hasMessageContaining("Gadget")
                .hasMessageContaining("example.com/v2")
                .hasMessageContaining("test.yaml#g1");
        assertThatThrownBy(() -> ResourceMapper.builtIn().resolve(new ResourceKey("example.com", "Gadget", "shop", "g1")))
                .isInstanceOf(UnknownKindException.class)
                .hasMessageContaining("example.com/Gadget");
    }

    @Test
    void invalidCustomResourceDefinitionNamesTheFieldAndOrigin() {
        var noPlural = manifest(CRD.formatted("Namespaced").replace("plural: widgets", "singular: widget"));
        assertThatThrownBy(() -> ResourceMapper.builtIn().withCustomResourcesFrom(List.of(noPlural)))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("widgets.example.com")
                .hasMessageContaining("test.yaml#widgets.example.com")
                .hasMessageContaining("spec.names.plural");
        var badScope = manifest(CRD.formatted("Global"));
        assertThatThrownBy(() -> ResourceMapper.builtIn().withCustomResourcesFrom(List.of(badScope)))
                .hasMessageContaining("spec.scope must be Namespaced or Cluster, not Global");
    }
}
