package dev.driftless.engine.render;

import dev.driftless.engine.model.Revision;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import dev.driftless.engine.source.SourceException;
import dev.driftless.kustomize.FileLoader;
import dev.driftless.kustomize.KustomizeException;
import dev.driftless.kustomize.RemoteBases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fetches the remote bases of one Kustomize render from Git: the repository is fetched into the {@link GitSource}
 * cache (its mirrors are shared with everything else), and the commit is checked out into a temporary directory
 * that {@link #close()} deletes. A repository and commit named twice, however spelled, is checked out once, so a
 * base that names itself is found as a cycle. Only anonymous access is supported for now: a URL with credentials
 * is refused. See {@link RemoteBaseReference} for the URL forms.
 */
public final class GitRemoteBases implements RemoteBases, AutoCloseable {

    private final GitSource git;
    private final Path checkouts;
    private final Map<String, Path> checkedOut = new HashMap<>();

    private GitRemoteBases(GitSource git, Path checkouts) {
        this.git = git;
        this.checkouts = checkouts;
    }

    /**
     * @param temporaryDirectory where this render's checkout directory is created; outside every repository
     */
    public static GitRemoteBases open(GitSource git, Path temporaryDirectory) throws RenderException {
        try {
            return new GitRemoteBases(git, Files.createTempDirectory(temporaryDirectory, "driftless-remote-bases-"));
        } catch (IOException e) {
            throw new RenderException("cannot create a temporary directory for remote bases: " + e.getMessage(), e);
        }
    }

    @Override
    public Checkout fetch(String reference, String referrer) {
        String shown = "remote base '" + FileLoader.displayed(reference) + "'";
        RemoteBaseReference parsed;
        RepoSpec repo;
        try {
            parsed = RemoteBaseReference.parse(reference);
            repo = RepoSpec.anonymous(parsed.repository());
        } catch (IllegalArgumentException | SourceException e) {
            throw new KustomizeException(referrer + ": " + shown + " cannot be parsed: " + e.getMessage());
        }
        if (!(repo.credentials() instanceof GitCredentials.None)) {
            throw new KustomizeException(referrer + ": " + shown + " has credentials in its URL; remote bases are"
                    + " fetched anonymously only");
        }
        GitSource source = parsed.timeout().map(git::withTimeout).orElse(git);
        try {
            Revision revision = source.fetch(repo, parsed.ref());
            String key = repo.mirrorName() + "-" + revision.sha();
            Path root = checkedOut.get(key);
            if (root == null) {
                root = source.checkout(repo, revision.sha(), checkouts.resolve(key));
                checkedOut.put(key, root);
            }
            return new Checkout(root, parsed.path());
        } catch (SourceException e) {
            throw new KustomizeException(referrer + ": " + shown + " cannot be fetched: " + e.getMessage(), e);
        }
    }

    /** Deletes every checkout of this render. */
    @Override
    public void close() throws RenderException {
        if (!Files.exists(checkouts)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(checkouts)) {
            List<Path> deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new RenderException("cannot delete the remote bases checked out in " + checkouts + ": "
                    + e.getMessage(), e);
        }
    }
}
