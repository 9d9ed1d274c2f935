package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.client.FakeApiServer;
import dev.driftless.engine.model.Documents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless project ...}: documents and key files go to the service, keys are never printed. */
class ProjectCommandsTest {

    private static final String TOKEN = "cli-token-Pj41xx";
    private static final String AGE_KEY = "AGE-SECRET-KEY-1CLITESTKEYQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
    private static final String PGP_KEY = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\npgp-body-Zz90\n-----END PGP PRIVATE KEY BLOCK-----";
    private static final String PROJECT = """
            apiVersion: driftless.dev/v1alpha1
            kind: Project
            metadata: {name: team-a}
            spec:
              sourceRepos: ["https://git.example.com/team-a/*"]
              destinations: [{cluster: prod, namespace: team-a}]
            """;
    private static final String ANSWER = """
            {"name": "team-a", "description": "", "origin": "api", "sourceRepos": ["https://git.example.com/team-a/*"],
             "destinations": [{"cluster": "prod", "namespace": "team-a"}, {"cluster": "prod", "namespace": "team-a-*"}],
             "clusterResourceWhitelist": [{"group": "", "kind": "Namespace"}], "namespaceResourceBlacklist": [],
             "destinationServiceAccounts": [{"cluster": "prod", "namespace": "team-a", "serviceAccount": "deployer"}],
             "roles": [{"name": "deployer", "description": "", "policies": ["p, proj:team-a:deployer, applications, sync, team-a/*, allow"],
                        "groups": ["team-a-devs"]}],
             "sopsKeys": {"ageIdentities": 1, "pgpKeys": 1}, "applications": ["shop"]}""";

    @TempDir
    Path work;

    private FakeApiServer server;
    private Path tokenFile;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(TOKEN);
        tokenFile = Files.writeString(work.resolve("token"), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.uri().toString(), "--token-file", tokenFile.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.all()).as("no key shows").doesNotContain(TOKEN, "AGE-SECRET-KEY", "pgp-body-Zz90");
        return run;
    }

    @Test
    void listShowsEachProjectsLimitsAndHowManyKeysItHolds() {
        server.answer("GET", "/api/projects", 200, "[" + ANSWER + ", {\"name\": \"default\", \"origin\": \"built_in\", \"sourceRepos\": [\"*\"],"
                + " \"destinations\": [{\"cluster\": \"*\", \"namespace\": \"*\"}]}]");

        CliRun list = run("project", "list");

        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out().lines()).containsExactly(
                "NAME      ORIGIN     SOURCES                            DESTINATIONS                KEYS           APPLICATIONS",
                "team-a    api        https://git.example.com/team-a/*   prod/team-a,prod/team-a-*   1 age, 1 pgp   1",
                "default   built_in   *                                  */*                         0 age, 0 pgp   0");
    }

    @Test
    void getShowsLimitsRolesAndApplications() {
        server.answer("GET", "/api/projects/team-a", 200, ANSWER);

        CliRun get = run("project", "get", "team-a");

        assertThat(get.exitCode()).as(get.all()).isZero();
        assertThat(get.out()).contains("Destinations: prod/team-a,prod/team-a-*\n")
                .contains("Cluster kinds: Namespace\n")
                .contains("Applies as: prod/team-a: deployer\n")
                .contains("SOPS keys: 1 age, 1 pgp\n")
                .contains("Applications: shop\n")
                .contains("Role deployer: groups team-a-devs\n  p, proj:team-a:deployer, applications, sync, team-a/*, allow\n");
    }

    @Test
    void createSendsTheDocumentWithTheKeyFilesInTheSopsField() throws Exception {
        Path document = Files.writeString(work.resolve("project.yaml"), PROJECT);
        Path age = Files.writeString(work.resolve("age.txt"), "# key\n" + AGE_KEY + "\n");
        Path pgp = Files.writeString(work.resolve("key.asc"), PGP_KEY + "\n");
        server.answer("POST", "/api/projects", 201, ANSWER);

        CliRun create = run("project", "create", "-f", document.toString(), "--sops-age-key-file", age.toString(),
                "--sops-pgp-key-file", pgp.toString());

        assertThat(create.exitCode()).as(create.all()).isZero();
        assertThat(create.out()).isEqualTo("project team-a created\n");
        JsonNode body = Documents.JSON.readTree(server.onlyRequest().body());
        assertThat(body.path("kind").asText()).isEqualTo("Project");
        assertThat(body.path("spec").path("destinations").get(0).path("namespace").asText()).isEqualTo("team-a");
        assertThat(body.path("sops").path("ageKey").asText()).isEqualTo("# key\n" + AGE_KEY);
        assertThat(body.path("sops").path("pgpKey").asText()).isEqualTo(PGP_KEY);
    }

    @Test
    void updateWithoutKeyFilesSendsNoSopsFieldSoTheKeysAreKept() throws Exception {
        Path document = Files.writeString(work.resolve("project.yaml"), PROJECT);
        server.answer("PUT", "/api/projects/team-a", 200, ANSWER);

        CliRun update = run("project", "update", "-f", document.toString());

        assertThat(update.exitCode()).as(update.all()).isZero();
        assertThat(update.out()).isEqualTo("project team-a updated\n");
        assertThat(Documents.JSON.readTree(server.onlyRequest().body()).has("sops")).isFalse();
    }

    @Test
    void aWrongKindIsRefusedBeforeSendingAndARefusalFromTheServerIsShown() throws Exception {
        Path application = Files.writeString(work.resolve("app.yaml"), PROJECT.replace("kind: Project", "kind: Application"));
        server.answer("DELETE", "/api/projects/team-a", 409,
                "{\"error\": \"project team-a is used by applications [shop]; delete them or move them to another project first\"}");

        CliRun wrongKind = run("project", "create", "-f", application.toString());
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains(application + ": kind is Application, expected Project");
        assertThat(server.requests()).isEmpty();

        CliRun delete = run("project", "delete", "team-a");
        assertThat(delete.exitCode()).isNotZero();
        assertThat(delete.err()).contains("project team-a is used by applications [shop]");
    }
}
