package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Revision;
import dev.driftless.engine.render.Footprint;
import dev.driftless.engine.render.RenderException;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.RenderRequest;
import dev.driftless.engine.render.Renderer;
import dev.driftless.engine.render.Rendering;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.source.SharedCheckouts;
import dev.driftless.engine.source.SourceException;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fetches an application's source and renders it. The only place that joins the source and render packages.
 *
 * <p>Renders of one commit share one tree ({@link SharedCheckouts}) rather than each writing the whole repository:
 * directory, Kustomize and Helm renders only read the tree. The tree is written by subtree as renders need it, so an
 * application in a large monorepo waits for its own files rather than the whole commit. A directory or Kustomize
 * render, which trace what they read, is first rendered from the application's path plus what its previous render
 * read (the hint); when that fails for any reason, or read anything beyond what was materialised, the whole commit
 * is materialised and the render repeated, and only that second outcome counts: a partial tree changes what a
 * render costs, never what it yields. Helm renders, which do not trace their reads, get the whole commit. A
 * plugin's command may write into its working directory, so a plugin render gets a private checkout, deleted after
 * it.
 */
public final class DesiredStateLoader {

    private final GitSource git;
    private final SharedCheckouts checkouts;
    private final Renderer renderer;

    public DesiredStateLoader(GitSource git, Renderer renderer) {
        this.git = git;
        this.checkouts = new SharedCheckouts(git);
        this.renderer = renderer;
    }

    /** Renders without a hint: what the application read before is unknown. */
    public DesiredState load(ApplicationSource source) throws RenderException {
        return load(source, Footprint.ANYWHERE);
    }

    /**
     * @param previous what the application's previous render read ({@link DesiredState#footprint()}), a hint of the
     *                 files to check out first; {@link Footprint#ANYWHERE} when unknown. It changes only the cost.
     */
    public DesiredState load(ApplicationSource source, Footprint previous) throws RenderException {
        return switch (source) {
            case ApplicationSource.Local local -> desiredState(Optional.empty(),
                    renderer.renderTracingReads(new RenderRequest(local.root(), local.path(), local.render(), local.sopsKeys())));
            case ApplicationSource.Git remote -> loadFromGit(remote, previous);
        };
    }

    private DesiredState loadFromGit(ApplicationSource.Git source, Footprint previous) throws RenderException {
        RepoSpec repo = new RepoSpec(source.repoUrl(), source.credentials());
        Revision revision = git.fetch(repo, source.revision());
        if (source.render() instanceof RenderOptions.Plugin) {
            return renderPrivateCopy(source, repo, revision);
        }
        try (SharedCheckouts.Lease tree = checkouts.acquire(repo, revision.sha())) {
            RenderRequest request = new RenderRequest(tree.root(), source.path(), source.render(), source.sopsKeys());
            boolean tracesReads = source.render() instanceof RenderOptions.Directory
                    || source.render() instanceof RenderOptions.Kustomize;
            return desiredState(Optional.of(revision), tracesReads
                    ? renderFromSubtrees(tree, request, previous)
                    : renderFromWholeCommit(tree, request));
        }
    }

    private Rendering renderFromSubtrees(SharedCheckouts.Lease tree, RenderRequest request, Footprint previous)
            throws RenderException {
        tree.materialise(request.path());
        if (!previous.isAnywhere()) {
            previous.trees().forEach(tree::materialise);
            previous.files().forEach(tree::materialise);
        }
        Optional<Rendering> partial = renderedWithin(tree, request);
        return partial.isPresent() ? partial.get() : renderFromWholeCommit(tree, request);
    }

    /** The render, when it succeeds reading only what the lease materialised, which a full checkout holds alike. */
    private Optional<Rendering> renderedWithin(SharedCheckouts.Lease tree, RenderRequest request) {
        try {
            Rendering rendering = renderer.renderTracingReads(request);
            Footprint read = rendering.footprint();
            boolean covered = read.trees().stream().allMatch(tree::covers)
                    && read.files().stream().allMatch(tree::covers);
            return covered ? Optional.of(rendering) : Optional.empty();
        } catch (RenderException | RuntimeException e) {
            // A file outside the materialised subtrees reads as missing; the render of the whole commit decides.
            return Optional.empty();
        }
    }

    private Rendering renderFromWholeCommit(SharedCheckouts.Lease tree, RenderRequest request) throws RenderException {
        tree.materialiseAll();
        return renderer.renderTracingReads(request);
    }

    private DesiredState renderPrivateCopy(ApplicationSource.Git source, RepoSpec repo, Revision revision)
            throws RenderException {
        Path tree = temporaryDirectory();
        try {
            git.checkout(repo, revision.sha(), tree);
            return desiredState(Optional.of(revision),
                    renderer.renderTracingReads(new RenderRequest(tree, source.path(), source.render(), source.sopsKeys())));
        } finally {
            deleteQuietly(tree);
        }
    }

    private static DesiredState desiredState(Optional<Revision> revision, Rendering rendering) {
        return new DesiredState(revision, rendering.manifests(), rendering.footprint(), rendering.decrypted());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("driftless-checkout-");
        } catch (IOException e) {
            throw new SourceException("cannot create a directory to check out into: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            FileUtils.delete(tree.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // A checkout left behind in the temporary directory costs disk space, not correctness.
        }
    }
}
