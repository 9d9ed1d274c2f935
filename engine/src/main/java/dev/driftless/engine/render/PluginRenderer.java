package dev.driftless.engine.render;

import dev.driftless.engine.model.Manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders by running an external command in the application's directory and reading YAML documents from its
 * standard output. The command is run directly, without a shell (write {@code sh -c '...'} to get one).
 *
 * <p>The command does not inherit the server's environment, which may hold credentials: it gets {@code PATH},
 * {@code HOME}, {@code LANG}, {@code LC_ALL} and {@code TMPDIR}, then the configured variables, then
 * {@code DRIFTLESS_APP_PATH} (the repository-relative application path) and {@code DRIFTLESS_REPO_ROOT}.
 * The whole process tree is killed when the timeout passes. A failure shows the tail of the standard error.
 * The command itself can read anything its user can; only what it prints becomes manifests.
 */
public final class PluginRenderer {

    static final Set<String> INHERITED_VARIABLES = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR");
    static final String APP_PATH_VARIABLE = "DRIFTLESS_APP_PATH";
    static final String REPO_ROOT_VARIABLE = "DRIFTLESS_REPO_ROOT";
    private static final int STDERR_TAIL_BYTES = 4096;

    public List<Manifest> render(RenderRequest request, RenderOptions.Plugin options) throws RenderException {
        Path root = RepoPaths.realRoot(request.repoRoot());
        Path directory = RepoPaths.applicationDirectory(root, request.path());
        String appPath = RepoPaths.describe(root, directory);
        String described = "plugin command '" + String.join(" ", options.command()) + "' in " + appPath;

        ProcessBuilder builder = new ProcessBuilder(options.command()).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        Map<String, String> wanted = environment(environment, options.env(), appPath, root);
        environment.clear();
        environment.putAll(wanted);

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RenderException(described + " cannot be started: " + e.getMessage(), e);
        }
        String stdout = run(process, options.timeout(), described);
        return RenderedManifests.requireUniqueKeys(ManifestParser.parseYaml(stdout, appPath + " (plugin output)"));
    }

    /** The plugin's environment: the safe part of the server's, the configured variables, then Driftless's own. */
    static Map<String, String> environment(Map<String, String> server, Map<String, String> configured,
                                           String appPath, Path root) {
        Map<String, String> environment = new HashMap<>();
        server.forEach((name, value) -> {
            if (INHERITED_VARIABLES.contains(name)) {
                environment.put(name, value);
            }
        });
        environment.putAll(configured);
        environment.put(APP_PATH_VARIABLE, appPath);
        environment.put(REPO_ROOT_VARIABLE, root.toString());
        return environment;
    }

    private static String run(Process process, Duration timeout, String described) throws RenderException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            process.getOutputStream().close();
            FutureTask<byte[]> stdout = readInBackground(() -> process.getInputStream().readAllBytes());
            FutureTask<byte[]> stderr = readInBackground(() -> tail(process.getErrorStream()));
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw timedOut(process, timeout, described);
            }
            byte[] output = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
            byte[] errors = stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (process.exitValue() != 0) {
                throw new RenderException(described + " exited with code " + process.exitValue()
                        + "; end of its standard error:\n" + new String(errors, StandardCharsets.UTF_8).strip());
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            throw timedOut(process, timeout, described);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new RenderException(described + " was interrupted", e);
        } catch (ExecutionException | IOException e) {
            killTree(process);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RenderException(described + ": cannot read its output: " + cause.getMessage(), cause);
        }
    }

    private static FutureTask<byte[]> readInBackground(Callable<byte[]> read) {
        FutureTask<byte[]> task = new FutureTask<>(read);
        Thread.ofVirtual().name("plugin-output").start(task);
        return task;
    }

    /** Reads a stream to its end, keeping only its last bytes, so a chatty command cannot exhaust memory. */
    private static byte[] tail(InputStream stream) throws IOException {
        byte[] kept = new byte[STDERR_TAIL_BYTES];
        int length = 0;
        byte[] chunk = new byte[8192];
        int read;
        while ((read = stream.read(chunk)) >= 0) {
            if (read >= kept.length) {
                System.arraycopy(chunk, read - kept.length, kept, 0, kept.length);
                length = kept.length;
            } else {
                int keep = Math.min(length, kept.length - read);
                System.arraycopy(kept, length - keep, kept, 0, keep);
                System.arraycopy(chunk, 0, kept, keep, read);
                length = keep + read;
            }
        }
        return Arrays.copyOf(kept, length);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static RenderException timedOut(Process process, Duration timeout, String described) {
        killTree(process);
        return new RenderException(described + " timed out after " + seconds(timeout) + " s and was killed");
    }

    /** Descendants are listed before the command dies: afterwards they are re-parented and can no longer be found. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? Long.toString(duration.toSeconds())
                : Double.toString(duration.toMillis() / 1000.0);
    }
}
