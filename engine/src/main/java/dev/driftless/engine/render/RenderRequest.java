package dev.driftless.engine.render;

import dev.driftless.engine.render.sops.SopsKeys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to render.
 *
 * @param repoRoot the root of the checked-out tree; nothing outside it may be read
 * @param path     the application's path inside the tree, relative, {@code ""} or {@code "."} for the root
 * @param options  which renderer and its settings
 * @param sopsKeys the keys that SOPS-encrypted files are decrypted with; with none, an encrypted file fails the render
 */
public record RenderRequest(Path repoRoot, String path, RenderOptions options, SopsKeys sopsKeys) {

    public RenderRequest {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(options, "options");
        path = path == null ? "" : path;
        sopsKeys = sopsKeys == null ? SopsKeys.NONE : sopsKeys;
    }

    /** A request without SOPS keys. */
    public RenderRequest(Path repoRoot, String path, RenderOptions options) {
        this(repoRoot, path, options, SopsKeys.NONE);
    }
}
