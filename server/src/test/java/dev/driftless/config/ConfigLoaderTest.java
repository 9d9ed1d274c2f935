package dev.driftless.config;

import dev.driftless.engine.app.ApplicationSpec;
import dev.driftless.engine.app.ProjectKeys;
import dev.driftless.engine.app.ProjectSpec;
import dev.driftless.engine.app.ClusterSpec;
import dev.driftless.engine.app.NotificationTrigger;
import dev.driftless.engine.app.SyncPolicy;
import dev.driftless.engine.app.SyncWindow;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.notify.ChannelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {

    static final Map<String, String> ENVIRONMENT = Map.of(
            "DRIFTLESS_TEST_TOKEN", "token-from-env",
            "DRIFTLESS_TEST_SLACK_URL", "https://hooks.slack.example/services/T1/B2/SECRETPATH",
            "DRIFTLESS_TEST_AUDIT_AUTH", "Bearer audit-secret");

    static Path validDirectory() throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/valid").toURI());
    }

    private static Configuration loadValid() throws URISyntaxException {
        return new ConfigLoader(ENVIRONMENT::get).loadDirectory(validDirectory());
    }

    @Test
    void readsAnApplicationWithEveryOption() throws URISyntaxException {
        ApplicationSpec shop = loadValid().applications().stream()
                .filter(application -> application.name().equals("shop")).findFirst().orElseThrow();

        assertThat(shop.project()).isEqualTo("retail");
        assertThat(shop.labels()).isEqualTo(Map.of("team", "shop", "tier", "1"));
        assertThat(shop.source().repoUrl()).isEqualTo("https://git.example.com/shop/deploy.git");
        assertThat(shop.source().revision()).as("a quoted revision stays text, not the number 1.1").isEqualTo("1.10");
        assertThat(shop.source().path()).isEqualTo("charts/shop");
        RenderOptions.Helm helm = (RenderOptions.Helm) shop.source().render();
        assertThat(helm.releaseName()).isEqualTo("shop-eu");
        assertThat(helm.namespace()).as("the release namespace is the destination's").isEqualTo("shop");
        assertThat(helm.valueFiles()).containsExactly("values-prod.yaml");
        assertThat(helm.inlineValues()).contains("replicas: 3").contains("tag: v2");
        assertThat(helm.set()).isEqualTo(Map.of("ingress.host", "shop.example.com"));
        assertThat(shop.destination().cluster()).isEqualTo("prod-eu");
        assertThat(shop.destination().namespace()).isEqualTo("shop");

        SyncPolicy policy = shop.syncPolicy();
        assertThat(policy.automated()).isTrue();
        assertThat(policy.prune()).isTrue();
        assertThat(policy.selfHeal()).isTrue();
        assertThat(policy.allowEmpty()).isFalse();
        assertThat(policy.createNamespace()).isTrue();
        assertThat(policy.retry()).isEqualTo(new SyncPolicy.Retry(3, Duration.ofSeconds(10), 3,
                Duration.ofMinutes(90)));
        assertThat(policy.windows()).containsExactly(new SyncWindow(SyncWindow.Kind.DENY, "0 22 * * 5",
                Duration.ofHours(60), List.of(), List.of("prod-*"), true));
        assertThat(shop.ignoreDifferences()).singleElement().satisfies(ignore -> {
            assertThat(ignore.group()).isEqualTo("apps");
            assertThat(ignore.kind()).isEqualTo("Deployment");
            assertThat(ignore.jsonPointers()).containsExactly("/spec/replicas");
        });
        assertThat(shop.notifyOn()).containsExactlyInAnyOrder(NotificationTrigger.SYNC_FAILED,
                NotificationTrigger.HEALTH_DEGRADED);
    }

    @Test
    void fillsDefaultsForWhatAnApplicationLeavesOut() throws URISyntaxException {
        ApplicationSpec docs = loadValid().applications().stream()
                .filter(application -> application.name().equals("docs")).findFirst().orElseThrow();

        assertThat(docs.project()).isEqualTo("default");
        assertThat(docs.source().revision()).isEqualTo("HEAD");
        assertThat(docs.source().render()).as("a single include string is a list of one, as Argo CD accepts")
                .isEqualTo(new RenderOptions.Directory(true, List.of("*.yaml"), List.of()));
        assertThat(docs.syncPolicy()).isEqualTo(SyncPolicy.manual());
        assertThat(docs.notifyOn()).isEmpty();
    }

    @Test
    void readsClustersWithKubeconfigRelativeToTheirFile() throws URISyntaxException {
        Configuration configuration = loadValid();

        assertThat(configuration.clusters()).containsExactly(new ClusterSpec("prod-eu",
                validDirectory().resolve("secrets/kubeconfig"), "prod-eu-admin",
                Map.of("env", "prod", "region", "eu"), false));
    }

    @Test
    void readsRepositoryCredentialsFromFilesAndTheEnvironment() throws URISyntaxException {
        Configuration configuration = loadValid();

        assertThat(configuration.repositories()).containsOnlyKeys("example-https", "example-token");
        assertThat(configuration.repositories().get("example-https").urlPrefix()).isEqualTo("https://git.example.com/");
        assertThat(configuration.repositories().get("example-https").credentials())
                .as("the file's trailing line break is not part of the password")
                .isEqualTo(new GitCredentials.Basic("driftless", "s3cret-from-file"));
        assertThat(configuration.repositories().get("example-token").credentials())
                .isEqualTo(new GitCredentials.Token("token-from-env"));
    }

    @Test
    void readsNotificationChannelsWithoutShowingTheirUrls() throws URISyntaxException {
        List<ChannelSpec> channels = loadValid().channels();

        assertThat(channels).extracting(ChannelSpec::name).containsExactly("ops-slack", "audit");
        ChannelSpec slack = channels.getFirst();
        assertThat(slack.type()).isEqualTo(ChannelSpec.Type.SLACK);
        assertThat(slack.url()).isEqualTo(URI.create("https://hooks.slack.example/services/T1/B2/SECRETPATH"));
        ChannelSpec audit = channels.get(1);
        assertThat(audit.type()).isEqualTo(ChannelSpec.Type.WEBHOOK);
        assertThat(audit.url()).isEqualTo(URI.create("https://audit.example.com/hooks/driftless?key=abc"));
        assertThat(audit.headers()).isEqualTo(Map.of("X-Source", "driftless", "Authorization", "Bearer audit-secret"));
        assertThat(channels.toString()).doesNotContain("SECRETPATH", "key=abc", "audit-secret")
                .contains("hooks.slack.example");
    }

    @Test
    void readsAProjectWithItsLimitsRolesAndKeyFile() throws URISyntaxException {
        Configuration configuration = loadValid();
        ProjectSpec retail = configuration.projects().getFirst();

        assertThat(configuration.projects()).extracting(ProjectSpec::name).containsExactly("retail");
        assertThat(retail.description()).isEqualTo("the shop and what it needs");
        assertThat(retail.allowsSource("https://git.example.com/shop/deploy.git")).isTrue();
        assertThat(retail.allowsDestination("prod-eu", "shop-canary")).isTrue();
        assertThat(retail.allowsKind("", "Namespace", false)).isTrue();
        assertThat(retail.allowsKind("", "ResourceQuota", true)).isFalse();
        assertThat(retail.serviceAccountFor("prod-eu", "shop")).contains("system:serviceaccount:shop:deployer");
        assertThat(retail.policyLines()).containsExactly("p, proj:retail:release, applications, sync, retail/*, allow",
                "g, shop-team, proj:retail:release");
        ProjectKeys keys = configuration.projectKeys().get("retail");
        assertThat(keys.ageIdentityCount()).isEqualTo(1);
        assertThat(keys.ageIdentities()).contains("AGE-SECRET-KEY-1YVY7");
        assertThat(configuration.toString()).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void readsAnEmptyDirectoryAsEmptyConfiguration(@TempDir Path directory) {
        assertThat(new ConfigLoader(name -> null).loadDirectory(directory)).isEqualTo(Configuration.empty());
    }

    @Test
    void repositoryCredentialsNeverShowInToString() throws URISyntaxException {
        assertThat(loadValid().toString()).doesNotContain("s3cret-from-file", "token-from-env", "SECRETPATH",
                "audit-secret");
    }

    @Test
    void readsASingleApplicationAsTheApiReceivesIt() {
        ApplicationSpec application = ConfigLoader.readApplication("""
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: api-made}
                spec:
                  source: {repoURL: https://git.example.com/a.git, kustomize: {allowRemoteBases: false}}
                  destination: {cluster: anywhere}
                  syncPolicy:
                    automated: {enabled: false, prune: true}
                """, "request body");

        assertThat(application.source().render()).isEqualTo(new RenderOptions.Kustomize());
        assertThat(application.syncPolicy().automated()).as("enabled: false keeps the settings, paused").isFalse();
        assertThat(application.syncPolicy().prune()).isTrue();
        assertThat(application.notifyOn()).isEqualTo(Set.of());
    }

    @Test
    void remoteKustomizeBasesAreAllowedOnlyWhenTheApplicationSaysSoAndSurviveAWriteAndRead() {
        ApplicationSpec application = ConfigLoader.readApplication("""
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: remote-base}
                spec:
                  source: {repoURL: https://git.example.com/a.git, path: overlays/prod, kustomize: {allowRemoteBases: true}}
                  destination: {cluster: anywhere}
                """, "request body");

        assertThat(application.source().render()).isEqualTo(new RenderOptions.Kustomize(true));
        assertThat(ConfigLoader.readApplication(ConfigWriter.toYaml(application), "written"))
                .isEqualTo(application);
    }
}
