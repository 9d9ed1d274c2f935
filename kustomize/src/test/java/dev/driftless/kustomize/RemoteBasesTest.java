package dev.driftless.kustomize;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Remote bases through a fake {@link RemoteBases} that hands out local trees: the fetched tree becomes the load root
 * of the remote kustomization, remote references nest, cycles are still found, and what stays refused is refused.
 */
class RemoteBasesTest {

    private static final String SHARED = "https://git.example.com/org/shared.git//base?ref=v1";
    private static final String COMMON = "https://git.example.com/org/common.git//config?ref=main";

    @TempDir
    Path temporary;

    /** The application's repository, the load root. */
    private Path app;
    /** Trees the fake resolver "fetched", outside the application's repository. */
    private Path shared;
    private Path common;
    private final List<String> fetches = new ArrayList<>();

    @BeforeEach
    void createTrees() throws IOException {
        app = Files.createDirectories(temporary.resolve("app"));
        shared = Files.createDirectories(temporary.resolve("fetched/shared"));
        common = Files.createDirectories(temporary.resolve("fetched/common"));
    }

    @Test
    void aRemoteBaseIsBuiltFromItsFetchedTreeAndTheOverlayAppliesOnTop() throws IOException {
        write(app, "overlay/kustomization.yaml", "namePrefix: prod-\nresources:\n  - " + SHARED + "\n  - local.yaml\n");
        write(app, "overlay/local.yaml", configMap("local"));
        write(shared, "base/kustomization.yaml", "nameSuffix: -shared\nresources:\n  - settings.yaml\n");
        write(shared, "base/settings.yaml", configMap("settings"));

        List<Resource> built = build("overlay");

        assertThat(built).extracting(resource -> resource.object().path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("prod-settings-shared", "prod-local");
        assertThat(fetches).containsExactly(SHARED + " <- overlay/kustomization.yaml: resources");
        Resource remote = built.stream().filter(r -> r.object().path("metadata").path("name").asText()
                .equals("prod-settings-shared")).findFirst().orElseThrow();
        assertThat(remote.origin()).isEqualTo("base/settings.yaml in " + SHARED);
    }

    @Test
    void aRemoteBaseMayNotReadOutsideItsOwnFetchedTree() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + SHARED + "\n");
        write(app, "overlay/secret.yaml", configMap("private"));
        write(shared, "base/kustomization.yaml", "resources:\n  - ../../../app/overlay/secret.yaml\n");

        String error = buildError("overlay");

        assertThat(error).contains("base/kustomization.yaml in " + SHARED, "resources",
                "'../../../app/overlay/secret.yaml'", "outside the load root", "load restrictor");
    }

    @Test
    void theSubPathOfACheckoutMustStayInsideTheFetchedTree() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + SHARED + "\n");
        write(app, "overlay/local.yaml", configMap("local"));
        RemoteBases escaping = (reference, referrer) -> new RemoteBases.Checkout(shared, "../../app/overlay");

        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(app).withRemoteBases(escaping))
                        .buildResources(app.resolve("overlay")));

        assertThat(error.getMessage()).contains("outside the load root", "load restrictor");
    }

    @Test
    void remoteReferencesInsideARemoteBaseAreFetchedTheSameWay() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + SHARED + "\n");
        write(shared, "base/kustomization.yaml", "namespace: shared\nresources:\n  - " + COMMON + "\n");
        write(common, "config/kustomization.yaml", "resources:\n  - common.yaml\n");
        write(common, "config/common.yaml", configMap("common"));

        List<Resource> built = build("overlay");

        assertThat(built).hasSize(1);
        assertThat(built.getFirst().object().path("metadata").path("namespace").asText()).isEqualTo("shared");
        assertThat(fetches).containsExactly(SHARED + " <- overlay/kustomization.yaml: resources",
                COMMON + " <- base/kustomization.yaml in " + SHARED + ": resources");
    }

    @Test
    void aRemoteBaseThatNamesItselfIsACycleAndIsFetchedOnce() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + SHARED + "\n");
        write(shared, "base/kustomization.yaml", "resources:\n  - " + SHARED + "\n");

        assertThat(buildError("overlay")).contains("base/kustomization.yaml in " + SHARED, "cycle in resources",
                "overlay -> base in " + SHARED + " -> base in " + SHARED);
        assertThat(fetches).hasSize(1);
    }

    @Test
    void aRemoteComponentIsAppliedToTheResourcesSoFar() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - local.yaml\ncomponents:\n  - " + COMMON + "\n");
        write(app, "overlay/local.yaml", configMap("local"));
        write(common, "config/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                commonLabels:
                  team: platform
                """);

        List<Resource> built = build("overlay");

        assertThat(built).hasSize(1);
        assertThat(built.getFirst().object().path("metadata").path("labels").path("team").asText())
                .isEqualTo("platform");
    }

    @Test
    void withoutAResolverRemoteBasesAreRefusedNamingTheFileTheFieldAndTheReference() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + SHARED + "\n");

        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(app)).buildResources(app.resolve("overlay")));

        assertThat(error.getMessage()).isEqualTo("overlay/kustomization.yaml: resources: remote reference '" + SHARED
                + "' refused: remote bases are not allowed");
    }

    @Test
    void aRemoteFileIsRefusedEvenWithAResolver() throws IOException {
        String file = "https://raw.githubusercontent.com/org/repo/main/deploy.yaml";
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + file + "\n");

        assertThat(buildError("overlay")).isEqualTo("overlay/kustomization.yaml: resources: remote file '" + file
                + "' refused: only Git repositories can be remote bases, not single files");
        assertThat(fetches).isEmpty();
    }

    @Test
    void remoteReferencesOutsideResourcesAndComponentsStayRefused() throws IOException {
        write(app, "overlay/kustomization.yaml", "resources:\n  - local.yaml\npatches:\n  - path: " + SHARED + "\n");
        write(app, "overlay/local.yaml", configMap("local"));

        assertThat(buildError("overlay")).contains("overlay/kustomization.yaml", "patches",
                "only resources, bases and components may be remote");
        assertThat(fetches).isEmpty();
    }

    @Test
    void aPasswordInARemoteReferenceNeverReachesAMessage() throws IOException {
        String withPassword = "https://deploy:s3cr3t-token@git.example.com/org/private.git//base";
        write(app, "overlay/kustomization.yaml", "resources:\n  - " + withPassword + "\n");

        KustomizeException error = catchThrowableOfType(KustomizeException.class,
                () -> new Kustomizer(Kustomizer.Options.restrictedTo(app)).buildResources(app.resolve("overlay")));

        assertThat(error.getMessage()).contains("https://***@git.example.com/org/private.git//base")
                .doesNotContain("s3cr3t-token");
        assertThat(FileLoader.displayed("ssh://git:hunter2@host/repo.git")).isEqualTo("ssh://git:***@host/repo.git");
        assertThat(FileLoader.displayed("git@github.com:org/repo.git")).isEqualTo("git@github.com:org/repo.git");
    }

    private List<Resource> build(String directory) {
        return new Kustomizer(Kustomizer.Options.restrictedTo(app).withRemoteBases(this::fetch))
                .buildResources(app.resolve(directory));
    }

    private String buildError(String directory) {
        KustomizeException error = catchThrowableOfType(KustomizeException.class, () -> build(directory));
        assertThat(error).as("the build must fail").isNotNull();
        return error.getMessage();
    }

    private RemoteBases.Checkout fetch(String reference, String referrer) {
        fetches.add(reference + " <- " + referrer);
        Map<String, RemoteBases.Checkout> trees = Map.of(
                SHARED, new RemoteBases.Checkout(shared, "base"),
                COMMON, new RemoteBases.Checkout(common, "config"));
        return trees.get(reference);
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: value\n";
    }
}
