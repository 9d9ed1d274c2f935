package dev.driftless.engine.app;

import dev.driftless.engine.render.RenderOptions;

import java.util.Objects;

/**
 * Where an application's desired state is.
 *
 * @param repoUrl  the Git repository; credentials come from the matching {@link RepositorySpec}
 * @param revision branch, tag or commit SHA; {@code HEAD} when not set
 * @param path     path inside the repository; the root when not set
 * @param render   how to render it (directory, kustomize, helm, plugin); a path holding a kustomization is
 *                 built with Kustomize even under directory options
 */
public record SourceSpec(String repoUrl, String revision, String path, RenderOptions render) {

    public SourceSpec {
        Objects.requireNonNull(repoUrl, "repoUrl");
        revision = revision == null || revision.isBlank() ? "HEAD" : revision;
        path = path == null ? "" : path;
        render = render == null ? RenderOptions.Directory.defaults() : render;
    }

    public SourceSpec withRevision(String newRevision) {
        return new SourceSpec(repoUrl, newRevision, path, render);
    }
}
