package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRendererTest {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path repo;

    private final Renderers renderers = new Renderers();

    @Test
    void readsManifestsFromStandardOutputRunInTheApplicationDirectory() throws Exception {
        Files.createDirectories(repo.resolve("apps/gen"));
        Files.writeString(repo.resolve("apps/gen/name.txt"), "from-working-dir");
        String script = """
                printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\ndata:\\n  app: %s\\n  flavour: %s\\n' \
                  "$(cat name.txt)" "$DRIFTLESS_APP_PATH" "$FLAVOUR"
                echo ---
                printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: second\\n'
                """;

        List<Manifest> manifests = render("apps/gen", plugin(List.of("sh", "-c", script), Map.of("FLAVOUR", "vanilla"), GENEROUS));

        assertThat(manifests).extracting(Manifest::origin)
                .containsExactly("apps/gen (plugin output)#1", "apps/gen (plugin output)#2");
        Manifest config = manifests.getFirst();
        assertThat(config.key().name()).isEqualTo("from-working-dir");
        assertThat(config.body().path("data").path("app").asText()).isEqualTo("apps/gen");
        assertThat(config.body().path("data").path("flavour").asText()).isEqualTo("vanilla");
    }

    @Test
    void runsTheCommandWithoutAShell() throws Exception {
        Files.createDirectories(repo.resolve("app"));
        List<String> command = List.of("printf", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '%s'\n",
                "$(echo injected)");

        List<Manifest> manifests = render("app", plugin(command, Map.of(), GENEROUS));

        assertThat(manifests).extracting(manifest -> manifest.key().name()).containsExactly("$(echo injected)");
    }

    @Test
    void givesTheCommandOnlyTheSafePartOfTheServerEnvironment() {
        Map<String, String> server = Map.of("PATH", "/usr/bin", "HOME", "/home/driftless",
                "DATABASE_PASSWORD", "hunter2", "DRIFTLESS_APP_PATH", "forged");
        Map<String, String> configured = Map.of("FLAVOUR", "vanilla", "DRIFTLESS_APP_PATH", "also-forged");

        Map<String, String> environment = PluginRenderer.environment(server, configured, "apps/gen", Path.of("/repo"));

        assertThat(environment).containsOnly(
                Map.entry("PATH", "/usr/bin"),
                Map.entry("HOME", "/home/driftless"),
                Map.entry("FLAVOUR", "vanilla"),
                Map.entry("DRIFTLESS_APP_PATH", "apps/gen"),
                Map.entry("DRIFTLESS_REPO_ROOT", "/repo"));
    }

    @Test
    void reportsANonZeroExitWithTheEndOfStandardError() throws Exception {
        Files.createDirectories(repo.resolve("app"));
        String script = "echo 'early noise' >&2; echo 'template rendering failed: values.yaml not found' >&2; exit 3";

        assertThatThrownBy(() -> render("app", plugin(List.of("sh", "-c", script), Map.of(), GENEROUS)))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("plugin command 'sh -c " + script + "' in app exited with code 3")
                .hasMessageEndingWith("early noise\ntemplate rendering failed: values.yaml not found");
    }

    @Test
    void keepsOnlyTheTailOfAHugeStandardErrorAndReadsBothStreamsWithoutDeadlock() throws Exception {
        Files.createDirectories(repo.resolve("app"));
        String script = "head -c 3000000 /dev/zero | tr '\\0' x; head -c 3000000 /dev/zero | tr '\\0' y >&2; "
                + "echo >&2; echo 'the last words' >&2; exit 1";

        assertThatThrownBy(() -> render("app", plugin(List.of("sh", "-c", script), Map.of(), GENEROUS)))
                .hasMessageEndingWith("yyy\nthe last words")
                .satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(5000));
    }

    @Test
    void killsTheWholeProcessTreeWhenTheTimeoutPasses() throws Exception {
        Files.createDirectories(repo.resolve("app"));
        String script = "sleep 300 & echo $! > child.pid; wait";

        assertThatThrownBy(() -> render("app", plugin(List.of("sh", "-c", script), Map.of(), Duration.ofSeconds(1))))
                .isInstanceOf(RenderException.class)
                .hasMessage("plugin command 'sh -c " + script + "' in app timed out after 1 s and was killed");

        long childPid = Long.parseLong(Files.readString(repo.resolve("app/child.pid")).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        if (child.isPresent()) {
            child.get().onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void reportsACommandThatCannotBeStarted() throws Exception {
        Files.createDirectories(repo.resolve("app"));

        assertThatThrownBy(() -> render("app", plugin(List.of("no-such-driftless-plugin"), Map.of(), GENEROUS)))
                .hasMessageStartingWith("plugin command 'no-such-driftless-plugin' in app cannot be started");
    }

    @Test
    void namesThePluginOutputInParseErrors() throws Exception {
        Files.createDirectories(repo.resolve("app"));

        assertThatThrownBy(() -> render("app", plugin(List.of("echo", "kind: ConfigMap"), Map.of(), GENEROUS)))
                .hasMessage("app (plugin output), document 1 (line 1): missing required field 'apiVersion'");
    }

    @Test
    void refusesAnApplicationPathOutsideTheRepository() {
        assertThatThrownBy(() -> render("../", plugin(List.of("true"), Map.of(), GENEROUS)))
                .hasMessageContaining("contains '..'");
    }

    @Test
    void refusesAPluginWithoutCommandOrTimeout() {
        assertThatThrownBy(() -> plugin(List.of(), Map.of(), GENEROUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a plugin needs a command");
        assertThatThrownBy(() -> plugin(List.of("true"), Map.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive timeout");
    }

    private List<Manifest> render(String path, RenderOptions.Plugin options) throws RenderException {
        return renderers.render(new RenderRequest(repo, path, options));
    }

    private static RenderOptions.Plugin plugin(List<String> command, Map<String, String> env, Duration timeout) {
        return new RenderOptions.Plugin(command, env, timeout);
    }
}
