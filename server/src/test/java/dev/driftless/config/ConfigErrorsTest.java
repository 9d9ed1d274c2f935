package dev.driftless.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigErrorsTest {

    private static final String CLUSTER = """
            apiVersion: driftless.dev/v1alpha1
            kind: Cluster
            metadata: {name: prod}
            spec: {kubeconfig: kubeconfig}
            """;

    @TempDir
    Path directory;

    private void write(String file, String text) throws IOException {
        Path path = directory.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** A directory with a declared cluster {@code prod}, so applications only fail for what the test breaks. */
    private void withCluster() throws IOException {
        write("kubeconfig", "apiVersion: v1\nkind: Config\n");
        write("cluster.yaml", CLUSTER);
    }

    private static String application(String name, String specExtra) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata:
                  name: %s
                spec:
                  source:
                    repoURL: https://git.example.com/app.git
                  destination:
                    cluster: prod
                %s""".formatted(name, specExtra.indent(2));
    }

    private List<ConfigError> errors(Map<String, String> environment) {
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(environment::get).loadDirectory(directory));
        assertThat(failure).as("loading must fail").isNotNull();
        assertThat(failure.getMessage()).contains(failure.errors().getFirst().message());
        return failure.errors();
    }

    private List<ConfigError> errors() {
        return errors(Map.of());
    }

    private ConfigError onlyError() {
        List<ConfigError> errors = errors();
        assertThat(errors).hasSize(1);
        return errors.getFirst();
    }

    @Test
    void namesTheFileDocumentLineAndFieldOfAnUnknownField() throws IOException {
        withCluster();
        write("apps/web.yaml", application("other", "") + "---\n" + application("web", """
                syncPolicy:
                  automated: {prune: true, selfHeal: true, selfheal: true}
                """));

        ConfigError error = onlyError();

        assertThat(error.file()).isEqualTo(directory.resolve("apps/web.yaml").toString());
        assertThat(error.document()).isEqualTo(2);
        assertThat(error.line()).as("the second document starts after the 9 lines of the first and its ---")
                .isEqualTo(11);
        assertThat(error.path()).isEqualTo("spec.syncPolicy.automated.selfheal");
        assertThat(error.reason()).startsWith("unknown field").contains("selfHeal");
        assertThat(error.message()).isEqualTo(directory.resolve("apps/web.yaml") + " (document 2, line 11): "
                + "spec.syncPolicy.automated.selfheal: " + error.reason());
    }

    @Test
    void reportsWrongTypesAndMissingRequiredFields() throws IOException {
        withCluster();
        write("app.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: web, labels: {version: 2}}
                spec:
                  source: {path: web}
                  destination: {cluster: prod, namespace: [a]}
                  syncPolicy:
                    automated: {prune: "yes"}
                    retry: {limit: many}
                """);

        assertThat(errors()).extracting(ConfigError::path, ConfigError::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.labels.version",
                        "expected a string, got a number (quote it to make it a string)"),
                org.assertj.core.groups.Tuple.tuple("spec.destination.namespace", "expected a string, got a list"),
                org.assertj.core.groups.Tuple.tuple("spec.source.repoURL", "missing required field"),
                org.assertj.core.groups.Tuple.tuple("spec.syncPolicy.automated.prune",
                        "expected true or false, got a string"),
                org.assertj.core.groups.Tuple.tuple("spec.syncPolicy.retry.limit",
                        "expected a whole number, got a string"));
    }

    @Test
    void rejectsABadCronScheduleAndBadDurations() throws IOException {
        withCluster();
        write("app.yaml", application("web", """
                syncPolicy:
                  retry:
                    backoff: {duration: 5 seconds, maxDuration: 0s}
                  syncWindows:
                    - {kind: allow, schedule: "0 25 * * *", duration: 1h}
                    - {kind: sometimes, schedule: "* * * * * *", duration: 1d}
                """));

        List<ConfigError> errors = errors();

        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "spec.syncPolicy.retry.backoff.duration", "spec.syncPolicy.retry.backoff.maxDuration",
                "spec.syncPolicy.syncWindows[0].schedule", "spec.syncPolicy.syncWindows[1].kind",
                "spec.syncPolicy.syncWindows[1].schedule", "spec.syncPolicy.syncWindows[1].duration");
        assertThat(errors).filteredOn(error -> error.path().endsWith("backoff.duration")).singleElement()
                .extracting(ConfigError::reason).asString().contains("'5 seconds' is not a positive duration");
        assertThat(errors).filteredOn(error -> error.path().endsWith("[0].schedule")).singleElement()
                .extracting(ConfigError::reason).asString().contains("'0 25 * * *' is not a cron schedule");
    }

    @Test
    void rejectsDuplicateApplicationNamesAcrossFiles() throws IOException {
        withCluster();
        write("a/web.yaml", application("web", ""));
        write("b/web.yaml", application("web", ""));

        ConfigError error = onlyError();

        assertThat(error.file()).endsWith("b/web.yaml");
        assertThat(error.path()).isEqualTo("metadata.name");
        assertThat(error.reason()).isEqualTo("duplicate Application name 'web', first declared in "
                + directory.resolve("a/web.yaml") + " (document 1)");
    }

    @Test
    void rejectsADestinationClusterThatIsNotDeclared() throws IOException {
        withCluster();
        write("app.yaml", application("web", "").replace("cluster: prod", "cluster: staging"));

        ConfigError error = onlyError();

        assertThat(error.path()).isEqualTo("spec.destination.cluster");
        assertThat(error.reason()).isEqualTo("cluster 'staging' is not declared; declared clusters: prod");
    }

    @Test
    void rejectsUnknownKindsAndApiVersions() throws IOException {
        write("argo.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                ---
                apiVersion: driftless.dev/v1alpha1
                kind: AppProject
                metadata: {name: web}
                ---
                kind: Cluster
                """);

        assertThat(errors()).extracting(ConfigError::document, ConfigError::path, ConfigError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "apiVersion",
                                "unknown apiVersion 'argoproj.io/v1alpha1'; expected driftless.dev/v1alpha1"),
                        org.assertj.core.groups.Tuple.tuple(2, "kind", "unknown kind 'AppProject'; expected one of "
                                + "Application, Cluster, Repository, NotificationChannel, Project"),
                        org.assertj.core.groups.Tuple.tuple(3, "apiVersion", "missing required field"));
    }

    @Test
    void loadsNothingWhenOneFileIsBadAndReportsEveryFile() throws IOException {
        withCluster();
        write("good.yaml", application("good", ""));
        write("bad-1.yaml", application("bad-one", "project: [x]"));
        write("bad-2.yml", application("bad-two", "").replace("repoURL", "repoUrl"));

        List<ConfigError> errors = errors();

        assertThat(errors).extracting(error -> Path.of(error.file()).getFileName().toString())
                .containsExactlyInAnyOrder("bad-1.yaml", "bad-2.yml", "bad-2.yml");
        assertThat(errors).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("spec.project", "spec.source.repoURL", "spec.source.repoUrl");
    }

    @Test
    void refusesInlineSecretsWithoutQuotingThem() throws IOException {
        write("repo.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                metadata: {name: example}
                spec:
                  url: https://git.example.com/
                  username: me
                  password: hunter2-inline
                """);

        ConfigError error = onlyError();

        assertThat(error.path()).isEqualTo("spec.password");
        assertThat(error.reason()).contains("passwordFile").contains("${DRIFTLESS_PASSWORD}")
                .doesNotContain("hunter2-inline");
    }

    @Test
    void refusesAPasswordInsideTheUrlWithoutQuotingIt() throws IOException {
        write("repo.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                metadata: {name: example}
                spec: {url: "https://me:hunter2-in-url@git.example.com/"}
                """);

        ConfigError error = onlyError();

        assertThat(error.path()).isEqualTo("spec.url");
        assertThat(error.message()).doesNotContain("hunter2-in-url");
    }

    @Test
    void reportsUnsetEnvironmentVariablesAndMissingFiles() throws IOException {
        write("repo.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                metadata: {name: example}
                spec: {url: https://git.example.com/, token: "${NOT_SET_ANYWHERE}"}
                ---
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                metadata: {name: other}
                spec: {url: "git@git.example.com:", sshPrivateKeyFile: keys/missing}
                """);

        assertThat(errors()).extracting(ConfigError::path, ConfigError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.token", "environment variable NOT_SET_ANYWHERE is not set"),
                org.assertj.core.groups.Tuple.tuple("spec.sshPrivateKeyFile",
                        "file not found: " + directory.resolve("keys/missing")));
    }

    @Test
    void rejectsConflictingCredentials() throws IOException {
        write("secret", "pw\n");
        write("repo.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                metadata: {name: example}
                spec: {url: https://git.example.com/, username: me, passwordFile: secret, token: "${T}"}
                """);

        ConfigError error = errors(Map.of("T", "t")).getFirst();

        assertThat(error.reason()).contains("give only one kind of credentials");
    }

    @Test
    void rejectsTwoRenderersAndAWrongTypeForRemoteKustomizeBases() throws IOException {
        withCluster();
        write("app.yaml", application("web", "").replace("    repoURL: https://git.example.com/app.git\n", """
                    repoURL: https://git.example.com/app.git
                    kustomize: {allowRemoteBases: sometimes}
                    helm: {releaseName: web}
                """));

        assertThat(errors()).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "spec.source.helm", "spec.source.kustomize.allowRemoteBases");
    }

    @Test
    void rejectsUnknownTriggersAndSyncOptions() throws IOException {
        withCluster();
        write("app.yaml", application("web", """
                syncPolicy: {syncOptions: [CreateNamespace=true, ServerSideApply=true]}
                notifications: {on: [sync-failed, on-deployed]}
                """));

        assertThat(errors()).extracting(ConfigError::reason).containsExactlyInAnyOrder(
                "unsupported sync option 'ServerSideApply=true'; supported: CreateNamespace=true, "
                        + "CreateNamespace=false",
                "unknown trigger 'on-deployed'; expected one of sync-succeeded, sync-failed, health-degraded, "
                        + "drift-detected, drift-reverted");
    }

    @Test
    void reportsYamlSyntaxErrorsByLineWithoutQuotingTheText() throws IOException {
        write("broken.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: Repository
                spec:
                  token: "unterminated-secret-value
                """);

        ConfigError error = onlyError();

        assertThat(error.line()).isPositive();
        assertThat(error.reason()).contains("YAML syntax error").doesNotContain("unterminated-secret-value");
    }

    @Test
    void rejectsDuplicateKeys() throws IOException {
        withCluster();
        write("app.yaml", application("web", "project: a\nproject: b\n"));

        assertThat(onlyError().reason()).contains("Duplicate field 'project'");
    }

    @Test
    void rejectsNotificationUrlsWrittenInlineWithoutQuotingThem() throws IOException {
        write("channel.yaml", """
                apiVersion: driftless.dev/v1alpha1
                kind: NotificationChannel
                metadata: {name: slack}
                spec: {type: slack, url: "https://hooks.slack.com/services/T0/B0/INLINESECRET"}
                ---
                apiVersion: driftless.dev/v1alpha1
                kind: NotificationChannel
                metadata: {name: Bad_Name}
                spec: {type: teams, url: "${HOOK}"}
                """);

        List<ConfigError> errors = errors(Map.of("HOOK", "not a url SECRETISH"));

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "spec.url", "metadata.name", "spec.type", "spec.url");
        assertThat(errors.toString()).doesNotContain("INLINESECRET", "SECRETISH");
    }

    @Test
    void failsForADirectoryThatDoesNotExist() {
        assertThatThrownBy(() -> new ConfigLoader(name -> null).loadDirectory(directory.resolve("missing")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing: no such directory");
    }

    // --- projects ---

    private static String project(String name, String specExtra) {
        return """
                apiVersion: driftless.dev/v1alpha1
                kind: Project
                metadata:
                  name: %s
                spec:
                  sourceRepos: ["https://git.example.com/*"]
                  destinations: [{cluster: prod, namespace: team-a}]
                %s""".formatted(name, specExtra.indent(2));
    }

    @Test
    void anApplicationOutsideItsProjectIsRefusedWithEveryReason() throws IOException {
        withCluster();
        write("project.yaml", project("team-a", ""));
        write("app.yaml", application("web", "project: team-a").replace("https://git.example.com/app.git",
                "https://elsewhere.example.com/app.git"));

        ConfigError error = onlyError();

        assertThat(error.file()).endsWith("app.yaml");
        assertThat(error.path()).isEqualTo("spec.project");
        assertThat(error.reason()).isEqualTo("outside project team-a: repository https://elsewhere.example.com/app.git"
                + " is not in project team-a's sourceRepos [https://git.example.com/*]");
    }

    @Test
    void anApplicationOfAnUndeclaredProjectIsRefused() throws IOException {
        withCluster();
        write("project.yaml", project("team-a", ""));
        write("app.yaml", application("web", "project: team-z"));

        assertThat(onlyError().reason()).isEqualTo("project 'team-z' is not declared; declared projects: default, team-a");
    }

    @Test
    void aRolePolicyOnAnotherProjectIsRefusedNamingTheRole() throws IOException {
        write("project.yaml", project("team-a", """
                roles:
                - name: deployer
                  policies: ["p, proj:team-a:deployer, applications, sync, team-b/*, allow"]
                """));

        ConfigError error = onlyError();

        assertThat(error.path()).isEqualTo("spec.roles");
        assertThat(error.reason()).isEqualTo("roles[0].policies[0] 'p, proj:team-a:deployer, applications, sync, "
                + "team-b/*, allow': object team-b/* is not in project team-a (expected team-a/<application>)");
    }

    @Test
    void projectFieldsAreCheckedAndKeysComeOnlyFromFilesOrTheEnvironment() throws IOException {
        write("project.yaml", project("team-a", """
                destinationServiceAccounts: [{cluster: prod, namespace: team-a}]
                clusterResourceWhitelist: [{group: rbac.authorization.k8s.io}]
                sops: {ageKey: AGE-SECRET-KEY-1INLINE, pgpKeyFile: missing.asc}
                """));

        assertThat(errors()).extracting(ConfigError::path, ConfigError::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.destinationServiceAccounts[0].serviceAccount",
                        "missing required field"),
                org.assertj.core.groups.Tuple.tuple("spec.clusterResourceWhitelist[0].kind", "missing required field"),
                org.assertj.core.groups.Tuple.tuple("spec.sops.ageKey", "secrets must not be written inline; use "
                        + "ageKeyFile or an environment reference such as ${DRIFTLESS_AGE_KEY}"),
                org.assertj.core.groups.Tuple.tuple("spec.sops.pgpKeyFile", "file not found: "
                        + directory.resolve("missing.asc")));
    }

    @Test
    void theDefaultProjectCannotBeRedeclared() throws IOException {
        write("project.yaml", project("default", ""));

        ConfigError error = onlyError();

        assertThat(error.path()).isEqualTo("metadata.name");
        assertThat(error.reason()).startsWith("project default is built in and allows everything");
    }
}
