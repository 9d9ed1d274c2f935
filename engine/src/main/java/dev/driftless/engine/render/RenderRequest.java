package dev.driftless.engine.render;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to render.
 *
 * @param repoRoot the root of the checked-out tree; nothing outside it may be read
 * @param path     the application's path inside the tree, relative, {@code ""} or {@code "."} for the root
 * @param options  which renderer and its settings
 */
public record RenderRequest(Path repoRoot, String path, RenderOptions options) {

    public RenderRequest {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(options, "options");
        path = path == null ? "" : path;
    }
}
