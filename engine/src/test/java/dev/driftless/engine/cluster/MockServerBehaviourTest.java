package dev.driftless.engine.cluster;

import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pins down what fabric8's CRUD mock server does with the requests the cluster adapter sends, so that the adapter's
 * fallbacks are tested against the real behaviour of the mock rather than a guess. A real API server differs on
 * each point noted here.
 */
class MockServerBehaviourTest {

    private final ClusterMock mock = ClusterMock.start();
    private final ConfigMap config = new ConfigMapBuilder()
            .withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
            .addToData("mode", "fast").addToData("legacy", "yes")
            .build();

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void applyPatchIsRefusedAs415OnAnExistingObjectAnd404OnAMissingOne() {
        var configMaps = mock.client().configMaps().inNamespace("shop");
        var onMissing = catchThrowableOfType(KubernetesClientException.class,
                () -> configMaps.resource(config).fieldManager("driftless").forceConflicts().serverSideApply());
        configMaps.resource(config).create();
        var onExisting = catchThrowableOfType(KubernetesClientException.class,
                () -> configMaps.resource(config).fieldManager("driftless").forceConflicts().serverSideApply());

        // A real server creates on the first apply and patches on the second.
        assertThat(onMissing.getCode()).isEqualTo(404);
        assertThat(onExisting.getCode()).isEqualTo(415);
        assertThat(mock.takeRequests()).extracting(request -> request.getHeader("Content-Type"))
                .containsExactly("application/apply-patch+yaml", "application/json", "application/apply-patch+yaml");
    }

    @Test
    void mergePatchSetsFieldsButKeepsExplicitNullsInsteadOfRemovingThem() {
        var configMaps = mock.client().configMaps().inNamespace("shop");
        configMaps.resource(config).create();

        configMaps.withName("settings").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"mode\":\"safe\",\"legacy\":null}}");

        // RFC 7386 (and a real server) removes "legacy"; the mock stores it as null.
        var data = configMaps.withName("settings").get().getData();
        assertThat(data).containsEntry("mode", "safe").containsEntry("legacy", null);
    }

    @Test
    void discoveryAnswersButListsNoKinds() {
        assertThat(mock.client().getApiResources("v1").getResources()).isEmpty();
        assertThat(mock.client().getApiGroups().getGroups()).isEmpty();
    }
}
