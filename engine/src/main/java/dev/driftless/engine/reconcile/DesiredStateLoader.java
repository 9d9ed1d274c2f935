package dev.driftless.engine.reconcile;

import dev.driftless.engine.model.Revision;
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
 * <p>Renders of one commit share one checked-out tree ({@link SharedCheckouts}) rather than each writing the whole
 * repository: directory, Kustomize and Helm renders only read the tree. A plugin's command may write into its
 * working directory, so a plugin render gets a private checkout, deleted after it.
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

    public DesiredState load(ApplicationSource source) throws RenderException {
        return switch (source) {
            case ApplicationSource.Local local -> desiredState(Optional.empty(),
                    renderer.renderTracingReads(new RenderRequest(local.root(), local.path(), local.render())));
            case ApplicationSource.Git remote -> loadFromGit(remote);
        };
    }

    private DesiredState loadFromGit(ApplicationSource.Git source) throws RenderException {
        RepoSpec repo = new RepoSpec(source.repoUrl(), source.credentials());
        Revision revision = git.fetch(repo, source.revision());
        if (source.render() instanceof RenderOptions.Plugin) {
            return renderPrivateCopy(source, repo, revision);
        }
        try (SharedCheckouts.Lease tree = checkouts.acquire(repo, revision.sha())) {
            return desiredState(Optional.of(revision),
                    renderer.renderTracingReads(new RenderRequest(tree.root(), source.path(), source.render())));
        }
    }

    private DesiredState renderPrivateCopy(ApplicationSource.Git source, RepoSpec repo, Revision revision)
            throws RenderException {
        Path tree = temporaryDirectory();
        try {
            git.checkout(repo, revision.sha(), tree);
            return desiredState(Optional.of(revision),
                    renderer.renderTracingReads(new RenderRequest(tree, source.path(), source.render())));
        } finally {
            deleteQuietly(tree);
        }
    }

    private static DesiredState desiredState(Optional<Revision> revision, Rendering rendering) {
        return new DesiredState(revision, rendering.manifests(), rendering.footprint());
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
