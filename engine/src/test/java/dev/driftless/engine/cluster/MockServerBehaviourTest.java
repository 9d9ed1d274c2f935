package dev.driftless.engine.cluster;

import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Explore. */
class MockServerBehaviourTest {

    private final ClusterMock mock = ClusterMock.start();

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void explore() {
        var client = mock.client();
        var cm = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("ns").addToLabels("x", "1").endMetadata()
                .addToData("k", "v").addToData("gone", "g").build();
        var ssaMissing = catchThrowableOfType(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("ns").resource(cm).fieldManager("driftless").forceConflicts().serverSideApply());
        System.out.println("SSA missing: " + (ssaMissing == null ? "ok" : ssaMissing.getCode() + " " + ssaMissing.getMessage()));
        client.configMaps().inNamespace("ns").resource(cm).create();
        var ssaExisting = catchThrowableOfType(KubernetesClientException.class,
                () -> client.configMaps().inNamespace("ns").resource(cm).fieldManager("driftless").forceConflicts().serverSideApply());
        System.out.println("SSA existing: " + (ssaExisting == null ? "ok" : ssaExisting.getCode() + " " + ssaExisting.getMessage()));
        client.configMaps().inNamespace("ns").withName("a").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"gone\":null,\"k\":\"w\"}}");
        System.out.println("after merge: " + client.configMaps().inNamespace("ns").withName("a").get().getData());
        System.out.println("labelled: " + client.configMaps().inAnyNamespace().withLabel("x", "1").list().getItems().size()
                + " unlabelled: " + client.configMaps().inAnyNamespace().withLabel("x", "2").list().getItems().size());
        try {
            System.out.println("groups: " + client.getApiGroups());
        } catch (KubernetesClientException e) {
            System.out.println("groups failed: " + e.getCode() + " " + e.getMessage());
        }
        try {
            System.out.println("core resources: " + client.getApiResources("v1"));
        } catch (KubernetesClientException e) {
            System.out.println("core failed: " + e.getCode() + " " + e.getMessage());
        }
        try {
            System.out.println("version: " + client.getKubernetesVersion());
        } catch (KubernetesClientException e) {
            System.out.println("version failed: " + e.getCode() + " " + e.getMessage());
        }
        mock.takeRequests().forEach(r -> System.out.println(r.getMethod() + " " + r.getPath() + " " + r.getHeader("Content-Type")));
        assertThat(ssaExisting).isNotNull();
    }
}
