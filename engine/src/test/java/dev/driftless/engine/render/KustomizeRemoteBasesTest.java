package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Kustomize remote bases fetched from real Git servers on loopback ({@code git daemon} and HTTP). */
class KustomizeRemoteBasesTest {

    @TempDir
    Path work;

    private GitServers servers;
    private GitTestRepo shared;
    private Path app;
    private Path checkouts;
    private Renderers renderers;

    @BeforeEach
    void serveASharedBase() throws IOException {
        servers = new GitServers(work.resolve("servers"));
        shared = servers.createRepo("shared");
        shared.commit("base")
                .write("base/kustomization.yaml", "nameSuffix: -shared\nresources:\n  - settings.yaml\n")
                .write("base/settings.yaml", configMap("settings", "from-main"))
                .create();
        app = Files.createDirectories(work.resolve("app"));
        checkouts = Files.createDirectories(work.resolve("tmp"));
        GitSource git = new GitSource(work.resolve("cache"));
        renderers = new Renderers(new DirectoryRenderer(),
                new KustomizeRenderer(new HelmRenderer(), git, checkouts), new HelmRenderer(), new PluginRenderer());
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }

    @Test
    void anAllowedRemoteBaseOverGitDaemonIsBuiltUnderTheOverlayAndItsCheckoutIsDeleted() throws Exception {
        overlay(servers.daemonUrl(shared) + "//base?ref=main");

        List<Manifest> manifests = render(new RenderOptions.Kustomize(true));

        assertThat(manifests).hasSize(2);
        Manifest remote = manifests.stream().filter(m -> m.key().name().equals("prod-settings-shared")).findFirst()
                .orElseThrow(() -> new AssertionError("the remote base's ConfigMap, with prefix and suffix: " + manifests));
        assertThat(remote.body().path("data").path("origin").asText()).isEqualTo("from-main");
        assertThat(remote.body().path("metadata").path("namespace").asText()).isEqualTo("prod");
        assertThat(remote.origin()).startsWith("overlay/kustomization.yaml (base/settings.yaml in git://127.0.0.1:");
        assertThat(manifests).anySatisfy(m -> assertThat(m.key().name()).isEqualTo("prod-local"));
        assertThat(leftovers()).as("checkouts are deleted after the render").isEmpty();
    }

    @Test
    void aTagOverHttpIsCheckedOutAtThatTag() throws Exception {
        shared.lightweightTag("v1.0.0", shared.sha("main"));
        shared.commit("later").write("base/settings.yaml", configMap("settings", "after-the-tag")).create();
        overlay("git::" + servers.httpUrl(shared) + "//base?ref=v1.0.0&timeout=30s");

        List<Manifest> manifests = render(new RenderOptions.Kustomize(true));

        assertThat(manifests).filteredOn(m -> m.key().name().equals("prod-settings-shared"))
                .singleElement()
                .satisfies(m -> assertThat(m.body().path("data").path("origin").asText()).isEqualTo("from-main"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aRemoteBaseThatNamesItsOwnRepositoryAgainIsACycleEvenWhenSpelledDifferently() throws Exception {
        String daemon = servers.daemonUrl(shared);
        shared.commit("loop").write("loop/kustomization.yaml", "resources:\n  - " + daemon + "//loop\n").create();
        overlay(daemon + "//loop?ref=main");

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render(new RenderOptions.Kustomize(true)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("loop/kustomization.yaml in " + daemon + "//loop", "cycle in resources");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void remoteBasesAreRefusedByDefaultNamingTheKustomizationAndTheReference() throws Exception {
        String reference = servers.daemonUrl(shared) + "//base?ref=main";
        overlay(reference);

        for (RenderOptions options : List.of(new RenderOptions.Kustomize(), RenderOptions.Directory.defaults())) {
            RenderException error = catchThrowableOfType(RenderException.class, () -> render(options));
            assertThat(error).as(options.toString()).isNotNull();
            assertThat(error.getMessage()).isEqualTo("overlay/kustomization.yaml: resources: remote reference '"
                    + reference + "' refused: remote bases are not allowed");
        }
        assertThat(work.resolve("cache/mirrors")).as("nothing was fetched").doesNotExist();
    }

    @Test
    void aRefThatDoesNotExistIsAnErrorNamingTheReferenceAndLeavesNoCheckout() throws Exception {
        String reference = servers.daemonUrl(shared) + "//base?ref=no-such-branch";
        overlay(reference);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render(new RenderOptions.Kustomize(true)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("overlay/kustomization.yaml: resources", "'" + reference + "'",
                "no-such-branch", "not found");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aReferenceThatCannotBeParsedNamesTheKustomizationAndTheReference() throws Exception {
        String reference = servers.daemonUrl(shared) + "//base?ref=main&submodules=true";
        overlay(reference);

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render(new RenderOptions.Kustomize(true)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("overlay/kustomization.yaml: resources", "'" + reference + "'",
                "cannot be parsed", "submodules");
    }

    @Test
    void aRemoteBaseCannotReachBackIntoTheApplicationsRepository() throws Exception {
        overlay(servers.daemonUrl(shared) + "//escape?ref=main");
        shared.commit("escape").write("escape/kustomization.yaml", "resources:\n  - "
                + app.resolve("overlay/local.yaml").toRealPath() + "\n").create();

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render(new RenderOptions.Kustomize(true)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("escape/kustomization.yaml in git://", "outside the load root",
                "load restrictor");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutShowingIt() throws Exception {
        String url = servers.privateHttpUrl(shared).replace("://", "://" + GitServers.HTTP_USER + ":"
                + servers.httpPassword() + "@");
        overlay(url + "//base?ref=main");

        RenderException error = catchThrowableOfType(RenderException.class,
                () -> render(new RenderOptions.Kustomize(true)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("anonymously").doesNotContain(servers.httpPassword());
    }

    private void overlay(String remoteBase) throws IOException {
        Files.createDirectories(app.resolve("overlay"));
        Files.writeString(app.resolve("overlay/kustomization.yaml"), """
                namespace: prod
                namePrefix: prod-
                resources:
                  - %s
                  - local.yaml
                """.formatted(remoteBase));
        Files.writeString(app.resolve("overlay/local.yaml"), configMap("local", "app"));
    }

    private List<Manifest> render(RenderOptions options) throws RenderException {
        return renderers.render(new RenderRequest(app, "overlay", options));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> entries = Files.list(checkouts)) {
            return entries.toList();
        }
    }

    private static String configMap(String name, String origin) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  origin: " + origin + "\n";
    }
}
