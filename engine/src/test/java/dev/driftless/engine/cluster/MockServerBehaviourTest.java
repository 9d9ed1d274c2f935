package dev.driftless.engine.cluster;

import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

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
    void mergePatchAppendsToListsInsteadOfReplacingThemSoClientSideApplySendsJsonPatches() {
        var configMaps = mock.client().configMaps().inNamespace("shop");
        configMaps.resource(config).create();
        var deployments = mock.client().genericKubernetesResources("apps/v1", "Deployment").inNamespace("shop");
        var web = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("apps/v1")
                .withKind("Deployment").withNewMetadata().withName("web").withNamespace("shop").endMetadata().build();
        web.setAdditionalProperty("spec", Map.of("template", Map.of("spec",
                Map.of("containers", List.of(Map.of("name", "web", "image", "web:1"))))));
        deployments.resource(web).create();

        deployments.withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web:2\"}]}}}}");

        // RFC 7386 replaces the list with the patch's; the mock keeps the old element and appends the new one.
        Object containers = ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) deployments.withName("web").get()
                .getAdditionalProperties().get("spec")).get("template")).get("spec")).get("containers");
        assertThat((List<?>) containers).hasSize(2);
    }

    @Test
    void discoveryAnswersButListsNoKinds() {
        assertThat(mock.client().getApiResources("v1").getResources()).isEmpty();
        assertThat(mock.client().getApiGroups().getGroups()).isEmpty();
    }
}
