package dev.driftless.engine.render.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Flux's SOPS test tree, {@code shared/fixtures/sops-flux} beside the repository, and writable copies of it. */
public final class SopsFixture {

    private SopsFixture() {
    }

    /** The fixture in the working directory or the nearest parent that has it. */
    public static Path path() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/sops-flux");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the SOPS fixture tree shared/fixtures/sops-flux was not found in " + start
                + " or any parent directory; it lives beside the repository");
    }

    public static Path file(String relative) {
        return path().resolve(relative);
    }

    public static byte[] bytes(String relative) throws IOException {
        return Files.readAllBytes(file(relative));
    }

    /** Copies the fixture with fresh permissions (the shared fixture is read-only) into {@code target}. */
    public static void copyTo(Path target) throws IOException {
        Path fixture = path();
        try (Stream<Path> paths = Files.walk(fixture)) {
            for (Path source : paths.toList()) {
                Path copy = target.resolve(fixture.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.write(copy, Files.readAllBytes(source));
                }
            }
        }
    }
}
