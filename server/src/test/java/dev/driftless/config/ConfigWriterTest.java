package dev.driftless.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.DestinationSpec;
import dev.driftless.engine.app.IgnoreDifference;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.SourceSpec;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.app.SyncWindow;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.render.RenderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigWriterTest {

    private static ApplicationSpec application(RenderOptions render, SyncPolicy policy) {
        return new ApplicationSpec("shop", "retail", Map.of("team", "shop", "canary", "true"),
                new SourceSpec("https://git.example.com/shop.git", "1.10", "deploy/shop", render),
                new DestinationSpec("prod-eu", "shop"), policy,
                List.of(new IgnoreDifference("apps", "Deployment", "web", "shop", List.of("/spec/replicas")),
                        new IgnoreDifference("", "ConfigMap", "", "", List.of("/data/generated", "/data/~1path"))),
                Set.of(NotificationTrigger.SYNC_FAILED, NotificationTrigger.DRIFT_DETECTED));
    }

    static Stream<ApplicationSpec> applications() {
        SyncPolicy everything = new SyncPolicy(true, true, true, true, true,
                new SyncPolicy.Retry(2, Duration.ofMillis(1500), 1.5, Duration.ofHours(2)),
                List.of(new SyncWindow(SyncWindow.Kind.ALLOW, "30 6 * * 1-5", Duration.ofMinutes(90),
                                List.of("shop-*"), List.of(), false),
                        new SyncWindow(SyncWindow.Kind.DENY, "0 0 24 12 *", Duration.ofHours(48),
                                List.of(), List.of("prod-*", "dr"), true)));
        SyncPolicy paused = new SyncPolicy(false, true, true, false, false, SyncPolicy.Retry.defaults(), List.of());
        return Stream.of(
                application(new RenderOptions.Helm("shop-eu", "shop", List.of("values.yaml", "prod.yaml"),
                        "replicas: 3\nimage:\n  tag: \"v2\"\n", Map.of("a.b", "1", "c", "true")), everything),
                application(new RenderOptions.Kustomize(), paused),
                application(new RenderOptions.Plugin(List.of("sh", "-c", "make render"), Map.of("ENV", "prod"),
                        Duration.ofSeconds(45)), SyncPolicy.manual()),
                application(new RenderOptions.Directory(true, List.of("*.yaml"), List.of("test/*")), everything),
                application(RenderOptions.Directory.defaults(), SyncPolicy.manual()));
    }

    @ParameterizedTest
    @MethodSource("applications")
    void readingWhatWasWrittenGivesTheSameDefinition(ApplicationSpec application) {
        assertThat(ConfigLoader.readApplication(ConfigWriter.toYaml(application), "written")).isEqualTo(application);
    }

    @Test
    void roundTripsTheApplicationsOfTheExampleDirectory() throws URISyntaxException {
        Configuration configuration = new ConfigLoader(ConfigLoaderTest.ENVIRONMENT::get)
                .loadDirectory(ConfigLoaderTest.validDirectory());

        assertThat(configuration.applications()).hasSize(2).allSatisfy(application ->
                assertThat(ConfigLoader.readApplication(ConfigWriter.toYaml(application), "written"))
                        .isEqualTo(application));
    }

    @Test
    void writesTheDocumentShapeUsersWriteAndLeavesDefaultsOut() throws IOException {
        ApplicationSpec application = new ApplicationSpec("web", null, Map.of(),
                new SourceSpec("https://git.example.com/web.git", "main", "k8s", new RenderOptions.Kustomize()),
                new DestinationSpec("sandbox", ""),
                new SyncPolicy(true, true, false, false, true, SyncPolicy.Retry.defaults(), List.of()),
                List.of(), Set.of(NotificationTrigger.DRIFT_REVERTED, NotificationTrigger.SYNC_SUCCEEDED));

        JsonNode written = Documents.YAML.readTree(ConfigWriter.toYaml(application));

        assertThat(written).isEqualTo(Documents.YAML.readTree("""
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata:
                  name: web
                spec:
                  project: default
                  source:
                    repoURL: https://git.example.com/web.git
                    targetRevision: main
                    path: k8s
                    kustomize: {}
                  destination:
                    cluster: sandbox
                  syncPolicy:
                    automated:
                      prune: true
                      selfHeal: false
                      allowEmpty: false
                    syncOptions: [CreateNamespace=true]
                  notifications:
                    on: [sync-succeeded, drift-reverted]
                """));
    }

    @Test
    void writesMultiLineHelmValuesAsALiteralBlock() {
        String yaml = ConfigWriter.toYaml(application(new RenderOptions.Helm("shop", "shop", List.of(),
                "replicas: 3\nimage:\n  tag: v2\n", Map.of()), SyncPolicy.manual()));

        assertThat(yaml).contains("values: |\n").contains("\n        replicas: 3\n");
    }
}
