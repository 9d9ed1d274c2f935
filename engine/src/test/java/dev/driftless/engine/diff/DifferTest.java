package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.driftless.engine.model.ResourceKey;
import dev.driftless.engine.model.Tracking;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DifferTest {

    private static final String WEB = "spec.template.spec.containers[name=web]";

    private static ObjectNode webContainer(ObjectNode deployment) {
        for (var container : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals("web")) {
                return (ObjectNode) container;
            }
        }
        throw new AssertionError("no web container");
    }

    private static ArrayNode env(ObjectNode deployment) {
        return (ArrayNode) webContainer(deployment).get("env");
    }

    private static void removeEnv(ObjectNode deployment, String name) {
        ArrayNode env = env(deployment);
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).path("name").asText().equals(name)) {
                env.remove(i);
                return;
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Nested
    class RealisticPairsAreSynced {

        @Test
        void deploymentWithServerDefaultsStatusAndInjectedEnv() {
            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), Fixtures.load("deployment-live.yaml"));

            assertThat(diff.fields()).isEmpty();
            assertThat(diff.state()).isEqualTo(SyncState.SYNCED);
            assertThat(diff.key()).isEqualTo(new ResourceKey("apps", "Deployment", "shop", "web"));
        }

        @Test
        void serviceWithClusterIpDefaultProtocolsAndReorderedPorts() {
            ResourceDiff diff = Differ.diff(Fixtures.load("service-desired.yaml"), Fixtures.load("service-live.yaml"));

            assertThat(diff.fields()).isEmpty();
            assertThat(diff.state()).isEqualTo(SyncState.SYNCED);
        }

        @Test
        void secretWhoseStringDataWinsOverData() {
            ResourceDiff diff = Differ.diff(Fixtures.load("secret-desired.yaml"), Fixtures.load("secret-live.yaml"));

            assertThat(diff.fields()).isEmpty();
            assertThat(diff.state()).isEqualTo(SyncState.SYNCED);
        }

        @Test
        void liveViewSpellsEqualValuesAsGitDoesAndLeavesOutWhatGitDoesNotSet() {
            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), Fixtures.load("deployment-live.yaml"));

            assertThat(diff.live()).isEqualTo(diff.desired());
            assertThat(diff.live().toString()).doesNotContain("imagePullPolicy", "OTEL_EXPORTER", "status", "managedFields");
        }
    }

    @Nested
    class Drift {

        @Test
        void changedImageNamesTheExactPathAndTheManager() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            webContainer(live).put("image", "nginx:1.27.0");
            ((ArrayNode) live.path("metadata").path("managedFields")).add(Fixtures.yaml("""
                    manager: kubectl-edit
                    operation: Update
                    apiVersion: apps/v1
                    fieldsType: FieldsV1
                    fieldsV1:
                      f:spec:
                        f:template:
                          f:spec:
                            f:containers:
                              k:{"name":"web"}:
                                f:image: {}
                    """));

            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), live);

            assertThat(diff.state()).isEqualTo(SyncState.OUT_OF_SYNC);
            assertThat(diff.fields()).containsExactly(new FieldDrift(WEB + ".image",
                    TextNode.valueOf("nginx:1.27.0"), TextNode.valueOf("nginx:1.25.3"), "kubectl-edit (Update)"));
        }

        @Test
        void fieldOwnedOnlyByDriftlessNamesNoManager() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.get("spec")).put("replicas", 5);

            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), live);

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo("spec.replicas");
                assertThat(field.live().asInt()).isEqualTo(5);
                assertThat(field.desired().asInt()).isEqualTo(3);
                assertThat(field.manager()).isNull();
            });
        }

        @Test
        void writeThroughASubresourceIsNamedWithIt() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.get("spec")).put("replicas", 7);
            ((ArrayNode) live.path("metadata").path("managedFields")).add(Fixtures.yaml("""
                    {manager: kube-controller-manager, operation: Update, subresource: scale, fieldsV1: {"f:spec": {"f:replicas": {}}}}
                    """));

            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), live);

            assertThat(diff.fields()).extracting(FieldDrift::manager).containsExactly("kube-controller-manager (Update, scale)");
        }

        @Test
        void fieldWithoutOwnEntryNamesTheManagerOfItsClosestOwnedAncestor() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ObjectNode container = webContainer(live);
            container.withArray("env").addObject().put("name", "OTEL_SERVICE_NAME").put("value", "web");
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            env(desired).addObject().put("name", "OTEL_EXPORTER_OTLP_ENDPOINT").put("value", "http://localhost:4317");

            ResourceDiff diff = Differ.diff(desired, live);

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo(WEB + ".env[name=OTEL_EXPORTER_OTLP_ENDPOINT].value");
                assertThat(field.live().asText()).isEqualTo("http://otel-collector.observability:4317");
                assertThat(field.manager()).isEqualTo("otel-injector (Update)");
            });
        }

        @Test
        void serviceTargetPortChangeIsFoundThroughTheKeyWithDefaultedProtocol() {
            ObjectNode live = Fixtures.load("service-live.yaml");
            ((ObjectNode) live.path("spec").path("ports").get(1)).put("targetPort", 8081);

            ResourceDiff diff = Differ.diff(Fixtures.load("service-desired.yaml"), live);

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo("spec.ports[port=80,protocol=TCP].targetPort");
                assertThat(field.live().asInt()).isEqualTo(8081);
                assertThat(field.desired().asText()).isEqualTo("8080");
            });
        }

        @Test
        void desiredListItemWithoutLiveCounterpartIsDrift() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            desired.withObject("/spec/template/spec").withArray("containers").addObject()
                    .put("name", "log-shipper").put("image", "fluent-bit:3.0");

            ResourceDiff diff = Differ.diff(desired, Fixtures.load("deployment-live.yaml"));

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo("spec.template.spec.containers[name=log-shipper]");
                assertThat(field.live()).isNull();
                assertThat(field.desired().path("image").asText()).isEqualTo("fluent-bit:3.0");
            });
        }

        @Test
        void extraLiveContainerSomeoneElseAddedIsNotDrift() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            live.withObject("/spec/template/spec").withArray("containers").addObject()
                    .put("name", "istio-proxy").put("image", "istio/proxyv2:1.22.0");

            assertThat(Differ.diff(Fixtures.load("deployment-desired.yaml"), live).state()).isEqualTo(SyncState.SYNCED);
        }

        @Test
        void fieldMissingLiveIsDrift() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.path("metadata").path("annotations")).remove("example.com/team");

            ResourceDiff diff = Differ.diff(Fixtures.load("deployment-desired.yaml"), live);

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo("metadata.annotations[\"example.com/team\"]");
                assertThat(field.live()).isNull();
                assertThat(field.desired().asText()).isEqualTo("storefront");
            });
        }

        @Test
        void tolerationsCompareByPosition() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            ((ObjectNode) desired.withObject("/spec/template/spec").withArray("tolerations").get(0)).put("value", "api");

            ResourceDiff diff = Differ.diff(desired, Fixtures.load("deployment-live.yaml"));

            assertThat(diff.fields()).extracting(FieldDrift::path).containsExactly("spec.template.spec.tolerations[0].value");
        }

        @Test
        void scalarListOfDifferentLengthIsOneDrift() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            webContainer(desired).putArray("args").add("--verbose");

            ResourceDiff diff = Differ.diff(desired, Fixtures.load("deployment-live.yaml"));

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo(WEB + ".args");
                assertThat(field.live()).isNull();
                assertThat(field.desired().get(0).asText()).isEqualTo("--verbose");
            });
        }

        @Test
        void duplicateKeysFallBackToPositionalComparison() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            env(desired).addObject().put("name", "WORKERS").put("value", "8");

            ResourceDiff diff = Differ.diff(desired, Fixtures.load("deployment-live.yaml"));

            assertThat(diff.fields()).extracting(FieldDrift::path).containsExactly(WEB + ".env[2].name", WEB + ".env[2].value");
        }
    }

    @Nested
    class RemovedFromGit {

        @Test
        void fieldDriftlessAppliedBeforeAndGitRemovedIsDrift() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            removeEnv(desired, "LOG_LEVEL");
            ((ObjectNode) desired.path("metadata").path("annotations")).remove("example.com/team");

            ResourceDiff diff = Differ.diff(desired, Fixtures.load("deployment-live.yaml"));

            assertThat(diff.state()).isEqualTo(SyncState.OUT_OF_SYNC);
            assertThat(diff.fields()).extracting(FieldDrift::path).containsExactlyInAnyOrder(
                    "metadata.annotations[\"example.com/team\"]", WEB + ".env[name=LOG_LEVEL]");
            assertThat(diff.fields()).allSatisfy(field -> {
                assertThat(field.desired()).isNull();
                assertThat(field.live()).isNotNull();
            });
        }

        @Test
        void sameRemovalWithoutLastAppliedRecordIsSomeoneElsesField() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.path("metadata").path("annotations")).remove(Tracking.LAST_APPLIED_ANNOTATION);
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            removeEnv(desired, "LOG_LEVEL");
            ((ObjectNode) desired.path("metadata").path("annotations")).remove("example.com/team");

            assertThat(Differ.diff(desired, live).fields()).isEmpty();
        }

        @Test
        void fieldAbsentFromLastAppliedIsNeverDriftEvenWhenLive() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.path("metadata").path("annotations")).put("example.com/owner", "payments");

            assertThat(Differ.diff(Fixtures.load("deployment-desired.yaml"), live).fields()).isEmpty();
        }

        @Test
        void removedFieldThatIsAlsoGoneLiveIsNotDrift() {
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            removeEnv(desired, "LOG_LEVEL");
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            removeEnv(live, "LOG_LEVEL");

            assertThat(Differ.diff(desired, live).fields()).isEmpty();
        }

        @Test
        void unreadableLastAppliedRecordIsTreatedAsAbsent() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            ((ObjectNode) live.path("metadata").path("annotations")).put(Tracking.LAST_APPLIED_ANNOTATION, "{not json");
            ObjectNode desired = Fixtures.load("deployment-desired.yaml");
            removeEnv(desired, "LOG_LEVEL");

            assertThat(Differ.diff(desired, live).fields()).isEmpty();
        }
    }

    @Nested
    class Normalisation {

        private ResourceDiff diffPod(String desiredSpec, String liveSpec) {
            String header = "{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: n}, spec: %s}";
            return Differ.diff(Fixtures.yaml(header.formatted(desiredSpec)), Fixtures.yaml(header.formatted(liveSpec)));
        }

        @Test
        void quantitiesInResourceFieldsCompareByValue() {
            assertThat(diffPod(
                    "{containers: [{name: a, resources: {requests: {cpu: 0.5, memory: 1Gi}, limits: {cpu: 1, memory: 1.5Gi}}}]}",
                    "{containers: [{name: a, resources: {requests: {cpu: 500m, memory: 1024Mi}, limits: {cpu: 1000m, memory: 1536Mi}}}]}")
                    .fields()).isEmpty();
            assertThat(diffPod(
                    "{volumes: [{name: tmp, emptyDir: {sizeLimit: 1Gi}}]}",
                    "{volumes: [{name: tmp, emptyDir: {sizeLimit: 1024Mi}}]}").fields()).isEmpty();
        }

        @Test
        void differentQuantitiesAreDrift() {
            ResourceDiff diff = diffPod("{containers: [{name: a, resources: {limits: {memory: 1G}}}]}",
                    "{containers: [{name: a, resources: {limits: {memory: 1Gi}}}]}");

            assertThat(diff.fields()).extracting(FieldDrift::path).containsExactly("spec.containers[name=a].resources.limits.memory");
        }

        @Test
        void quantitySpellingsOutsideResourceFieldsAreNotEqual() {
            ResourceDiff diff = Differ.diff(Fixtures.load("configmap-desired.yaml"), Fixtures.load("configmap-live.yaml"));

            assertThat(diff.fields()).containsExactly(new FieldDrift("data.cache-size",
                    TextNode.valueOf("1024Mi"), TextNode.valueOf("1Gi"), "kubectl-edit (Update)"));
        }

        @Test
        void emptyMapsAndListsEqualAbsentOnes() {
            assertThat(diffPod("{nodeSelector: {}, tolerations: [], containers: [{name: a, args: [], env: []}]}",
                    "{containers: [{name: a}]}").fields()).isEmpty();
        }

        @Test
        void absentLiveFieldIsDriftAgainstANonEmptyDesiredMap() {
            assertThat(diffPod("{nodeSelector: {disk: ssd}}", "{}").fields())
                    .extracting(FieldDrift::path).containsExactly("spec.nodeSelector");
        }

        @Test
        void intOrStringValuesCompareByValue() {
            assertThat(diffPod("{containers: [{name: a, livenessProbe: {httpGet: {port: \"8080\"}}}]}",
                    "{containers: [{name: a, livenessProbe: {httpGet: {port: 8080}}}]}").fields()).isEmpty();
            assertThat(diffPod("{containers: [{name: a, livenessProbe: {httpGet: {port: http}}}]}",
                    "{containers: [{name: a, livenessProbe: {httpGet: {port: 8080}}}]}").fields()).hasSize(1);
        }

        @Test
        void numbersCompareByValue() {
            assertThat(diffPod("{terminationGracePeriodSeconds: 30.0}", "{terminationGracePeriodSeconds: 30}").fields()).isEmpty();
            assertThat(diffPod("{terminationGracePeriodSeconds: 30.5}", "{terminationGracePeriodSeconds: 30}").fields()).hasSize(1);
        }

        @Test
        void booleanAndBooleanLookingStringAreDifferent() {
            ResourceDiff diff = diffPod("{automountServiceAccountToken: \"true\"}", "{automountServiceAccountToken: true}");

            assertThat(diff.fields()).singleElement().satisfies(field -> {
                assertThat(field.path()).isEqualTo("spec.automountServiceAccountToken");
                assertThat(field.live().isBoolean()).isTrue();
                assertThat(field.desired().isTextual()).isTrue();
            });
        }

        @Test
        void desiredNullMeansNotSet() {
            assertThat(diffPod("{priorityClassName: null}", "{priorityClassName: high}").fields()).isEmpty();
        }

        @Test
        void trackingMetadataAndServerFieldsAreIgnoredOnBothSides() {
            ObjectNode desired = Fixtures.load("configmap-desired.yaml");
            ((ObjectNode) desired.get("data")).put("cache-size", "1024Mi");
            desired.withObject("/metadata").put("uid", "something-else").put("resourceVersion", "1");
            desired.withObject("/metadata/annotations").put(Tracking.TRACKING_ANNOTATION, "other:/ConfigMap:shop/web-config");
            desired.withObject("/metadata/labels").put(Tracking.APP_LABEL, "other");
            desired.putObject("status").put("phase", "Anything");

            assertThat(Differ.diff(desired, Fixtures.load("configmap-live.yaml")).fields()).isEmpty();
        }
    }

    @Nested
    class MissingAndBadInput {

        @Test
        void noLiveObjectIsMissing() {
            ResourceDiff diff = Differ.diff(Fixtures.load("service-desired.yaml"), null);

            assertThat(diff.state()).isEqualTo(SyncState.MISSING);
            assertThat(diff.fields()).isEmpty();
            assertThat(diff.live()).isNull();
            assertThat(diff.desired().path("spec").path("ports").size()).isEqualTo(2);
        }

        @Test
        void comparingDifferentObjectsIsRefusedNamingBoth() {
            ObjectNode live = Fixtures.load("deployment-live.yaml");
            live.withObject("/metadata").put("name", "api");

            assertThatThrownBy(() -> Differ.diff(Fixtures.load("deployment-desired.yaml"), live))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("apps/Deployment:shop/web")
                    .hasMessageContaining("apps/Deployment:shop/api");
        }

        @Test
        void desiredWithoutNamespaceMatchesLiveInAnyNamespace() {
            ObjectNode desired = Fixtures.load("configmap-desired.yaml");
            desired.withObject("/metadata").remove("namespace");
            ((ObjectNode) desired.get("data")).put("cache-size", "1024Mi");

            assertThat(Differ.diff(desired, Fixtures.load("configmap-live.yaml")).state()).isEqualTo(SyncState.SYNCED);
        }

        @Test
        void inputsAreNotModified() {
            ObjectNode desired = Fixtures.load("secret-desired.yaml");
            ObjectNode live = Fixtures.load("secret-live.yaml");

            Differ.diff(desired, live);

            assertThat(desired).isEqualTo(Fixtures.load("secret-desired.yaml"));
            assertThat(live).isEqualTo(Fixtures.load("secret-live.yaml"));
        }
    }
}
