package dev.driftless.engine.reconcile;

import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.sops.SopsKeys;
import dev.driftless.engine.source.GitCredentials;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an application's desired state comes from: a Git repository at a revision, or a local working tree
 * (for diffing uncommitted changes), plus the path inside it and how to render that path.
 */
public sealed interface ApplicationSource {

    String path();

    RenderOptions render();

    /** The keys SOPS-encrypted files of the source are decrypted with. */
    SopsKeys sopsKeys();

    /**
     * @param repoUrl     HTTPS, SSH, git:// URL or local path of the repository
     * @param revision    branch, tag, commit SHA or {@code HEAD}
     * @param credentials how to authenticate
     * @param sopsKeys    decrypt the source's SOPS-encrypted files
     */
    record Git(String repoUrl, String revision, GitCredentials credentials, String path, RenderOptions render,
               SopsKeys sopsKeys) implements ApplicationSource {
        public Git {
            Objects.requireNonNull(repoUrl, "repoUrl");
            revision = revision == null || revision.isBlank() ? "HEAD" : revision;
            credentials = credentials == null ? new GitCredentials.None() : credentials;
            path = path == null ? "" : path;
            Objects.requireNonNull(render, "render");
            sopsKeys = sopsKeys == null ? SopsKeys.NONE : sopsKeys;
        }

        /** A source without SOPS keys. */
        public Git(String repoUrl, String revision, GitCredentials credentials, String path, RenderOptions render) {
            this(repoUrl, revision, credentials, path, render, SopsKeys.NONE);
        }
    }

    /** A directory on disk used as it is: no Git, no revision. */
    record Local(Path root, String path, RenderOptions render, SopsKeys sopsKeys) implements ApplicationSource {
        public Local {
            Objects.requireNonNull(root, "root");
            path = path == null ? "" : path;
            Objects.requireNonNull(render, "render");
            sopsKeys = sopsKeys == null ? SopsKeys.NONE : sopsKeys;
        }

        /** A source without SOPS keys. */
        public Local(Path root, String path, RenderOptions render) {
            this(root, path, render, SopsKeys.NONE);
        }
    }
}
