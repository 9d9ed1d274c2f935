package dev.driftless.engine.reconcile;

import dev.driftless.engine.cluster.ResourceMapper;
import dev.driftless.engine.cluster.ResourceType;
import dev.driftless.engine.model.Tracking;
import dev.driftless.engine.testing.ClusterMock;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The informers behind self-heal and the compare cache, against fabric8's CRUD mock. */
class LiveWatchesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ResourceMapper MAPPER = ResourceMapper.builtIn();
    private static final ResourceType CONFIG_MAPS = MAPPER.find("", "ConfigMap").orElseThrow();

    private final ClusterMock mock = ClusterMock.start();
    private final List<String> changed = new CopyOnWriteArrayList<>();
    private final LiveWatches watches = new LiveWatches(changed::add);

    @AfterEach
    void stop() {
        watches.close();
        mock.close();
    }

    private void createConfigMap(String name, Map<String, String> labels) {
        mock.client().configMaps().inNamespace("shop").resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace("shop").withLabels(labels).endMetadata()
                .addToData("mode", "fast").build()).create();
    }

    private Optional<List<String>> cachedNames(String app, ResourceType type) {
        return watches.trackedObjects("local").tracked(app, type)
                .map(objects -> objects.stream().map(object -> object.getMetadata().getName()).sorted().toList());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theCacheHoldsEachApplicationsLabelledObjectsOfTheWatchedKinds() throws Exception {
        createConfigMap("web-settings", Map.of(Tracking.APP_LABEL, "web"));
        createConfigMap("api-settings", Map.of(Tracking.APP_LABEL, "api"));
        createConfigMap("handmade", Map.of());

        watches.watch("local", mock.client(), List.of(CONFIG_MAPS));
        await("the ConfigMaps cached", () -> cachedNames("web", CONFIG_MAPS).isPresent());
        createConfigMap("web-later", Map.of(Tracking.APP_LABEL, "web"));
        await("a ConfigMap created later cached", () -> cachedNames("web", CONFIG_MAPS)
                .equals(Optional.of(List.of("web-later", "web-settings"))));

        assertThat(cachedNames("api", CONFIG_MAPS)).contains(List.of("api-settings"));
        assertThat(cachedNames("nobody", CONFIG_MAPS)).contains(List.of());
        assertThat(cachedNames("web", MAPPER.find("", "Secret").orElseThrow())).as("not watched").isEmpty();
        assertThat(watches.trackedObjects("elsewhere").tracked("web", CONFIG_MAPS)).as("another cluster").isEmpty();
        assertThat(changed).contains("web", "api").doesNotContainNull();
    }
}
