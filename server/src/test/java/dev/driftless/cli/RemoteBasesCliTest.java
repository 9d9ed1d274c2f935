package dev.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.engine.model.Documents;
import dev.driftless.engine.testing.GitServers;
import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code driftless render --allow-remote-bases}: a local overlay over a base served by {@code git daemon}. */
class RemoteBasesCliTest {

    @TempDir
    Path work;

    private GitServers servers;
    private Path tree;
    private String reference;

    @BeforeEach
    void writeOverlayOverARemoteBase() throws IOException {
        servers = new GitServers(work.resolve("servers"));
        GitTestRepo shared = servers.createRepo("shared");
        shared.commit("base")
                .write("base/kustomization.yaml", "resources:\n  - settings.yaml\n")
                .write("base/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                        + "data:\n  color: blue\n")
                .create();
        reference = servers.daemonUrl(shared) + "//base?ref=main";
        tree = Files.createDirectories(work.resolve("app"));
        Files.createDirectories(tree.resolve("overlay"));
        Files.writeString(tree.resolve("overlay/kustomization.yaml"),
                "namePrefix: shop-\nresources:\n  - " + reference + "\n");
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }

    @Test
    void withTheFlagTheRemoteBaseIsFetchedAndBuiltUnderTheOverlay() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "overlay", "--allow-remote-bases",
                "--cache-dir", work.resolve("cache").toString(), "-o", "json");

        assertThat(render.exitCode()).as(render.all()).isZero();
        JsonNode objects = json(render.out());
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).path("metadata").path("name").asText()).isEqualTo("shop-settings");
        assertThat(objects.get(0).path("data").path("color").asText()).isEqualTo("blue");
        assertThat(work.resolve("cache/mirrors")).as("fetched into the --cache-dir").isDirectory();
    }

    @Test
    void withoutTheFlagTheRemoteBaseIsRefusedNamingTheKustomizationAndTheReference() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "overlay",
                "--cache-dir", work.resolve("cache").toString());

        assertThat(render.exitCode()).as(render.all()).isNotZero();
        assertThat(render.err()).contains("overlay/kustomization.yaml", "resources", reference,
                "remote bases are not allowed");
        assertThat(render.out()).doesNotContain("settings");
    }

    @Test
    void theFlagSelectsKustomizeSoItCannotBeCombinedWithAnotherRenderer() {
        CliRun render = CliRun.of("render", "--local", tree.toString(), "--path", "overlay", "--allow-remote-bases",
                "--helm");

        assertThat(render.exitCode()).isEqualTo(2);
        assertThat(render.err()).contains("--allow-remote-bases");
    }

    private static JsonNode json(String text) {
        try {
            return Documents.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
