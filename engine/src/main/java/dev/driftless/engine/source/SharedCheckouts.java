package dev.driftless.engine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.util.FileUtils;

/**
 * Checked-out trees of fetched commits, one per repository and commit, shared by every render at that commit: in a
 * monorepo a thousand applications at one commit cost one checkout instead of a thousand. A tree is counted while
 * leased and deleted once no lease holds it, unless it is its repository's most recently leased commit, which the
 * next compares (three per application, and every other application's) are likely to ask for again.
 *
 * <p>A tree holds only Git's own files, which the mirror already holds on disk; rendered output, where Secret values
 * appear, is never written here. Trees are read-only by contract: every lease holder reads the same files, so a
 * render that may write (a plugin's command) must check out a private copy with {@link GitSource#checkout} instead.
 *
 * <p>Each instance keeps its trees in a directory of its own under the Git cache, named after the process; a
 * directory left by a process that no longer runs is deleted when the next instance starts.
 */
public final class SharedCheckouts {

    private static final String RUN_PREFIX = "run-";
    private static final Pattern RUN_NAME = Pattern.compile("run-([0-9]{1,18})-.*");

    private record Key(String mirror, String sha) {
    }

    /** A tree and its lease count, guarded by the {@link SharedCheckouts} monitor; written under its own. */
    private static final class Tree {
        final Path directory;
        int leases;
        boolean written;

        Tree(Path directory) {
            this.directory = directory;
        }
    }

    /** One holder's use of a tree; closing it lets the tree go. */
    public final class Lease implements AutoCloseable {
        private final Key key;
        private final Tree tree;
        private boolean closed;

        private Lease(Key key, Tree tree) {
            this.key = key;
            this.tree = tree;
        }

        /** The root of the checked-out commit. Read it only. */
        public Path root() {
            return tree.directory;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(key, tree);
            }
        }
    }

    private final GitSource git;
    private final Path directory;
    private final Map<Key, Tree> trees = new HashMap<>();
    private final Map<String, Key> newestByMirror = new HashMap<>();
    private long created;

    public SharedCheckouts(GitSource git) {
        this.git = git;
        Path parent = git.checkoutsDirectory();
        try {
            Files.createDirectories(parent);
            deleteAbandoned(parent);
            this.directory = Files.createTempDirectory(parent, RUN_PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new SourceException("Cannot prepare the checkout directory under " + parent + ": " + e.getMessage(), e);
        }
    }

    /**
     * A lease on the tree of a fetched commit, checked out by the first caller that needs it; others at the same
     * commit wait for that checkout rather than writing their own.
     */
    public Lease acquire(RepoSpec repo, String sha) {
        Key key = new Key(repo.mirrorName(), sha);
        Tree tree;
        Optional<Tree> superseded;
        synchronized (this) {
            tree = trees.computeIfAbsent(key, ignored -> new Tree(directory.resolve(
                    key.mirror() + "-" + key.sha() + "-" + created++)));
            tree.leases++;
            Key previous = newestByMirror.put(key.mirror(), key);
            superseded = previous == null || previous.equals(key) ? Optional.empty() : removeIfUnleased(previous);
        }
        superseded.ifPresent(SharedCheckouts::delete);
        Lease lease = new Lease(key, tree);
        try {
            synchronized (tree) {
                if (!tree.written) {
                    write(repo, sha, tree);
                }
            }
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private void write(RepoSpec repo, String sha, Tree tree) {
        try {
            git.checkout(repo, sha, tree.directory);
            tree.written = true;
        } catch (RuntimeException e) {
            deleteDirectory(tree.directory);
            throw e;
        }
    }

    private void release(Key key, Tree tree) {
        Optional<Tree> unused;
        synchronized (this) {
            tree.leases--;
            unused = key.equals(newestByMirror.get(key.mirror())) ? Optional.empty() : removeIfUnleased(key);
        }
        unused.ifPresent(SharedCheckouts::delete);
    }

    private Optional<Tree> removeIfUnleased(Key key) {
        Tree tree = trees.get(key);
        if (tree == null || tree.leases > 0) {
            return Optional.empty();
        }
        trees.remove(key);
        return Optional.of(tree);
    }

    /** Runs outside every lock: no lease holds the tree any more and a new lease of its commit gets a new directory. */
    private static void delete(Tree tree) {
        deleteDirectory(tree.directory);
    }

    private static void deleteAbandoned(Path parent) throws IOException {
        try (Stream<Path> runs = Files.list(parent)) {
            runs.filter(run -> ownerOf(run).filter(pid -> ProcessHandle.of(pid).isEmpty()).isPresent())
                    .forEach(SharedCheckouts::deleteDirectory);
        }
    }

    private static Optional<Long> ownerOf(Path run) {
        Matcher name = RUN_NAME.matcher(run.getFileName().toString());
        return name.matches() ? Optional.of(Long.parseLong(name.group(1))) : Optional.empty();
    }

    private static void deleteDirectory(Path path) {
        try {
            FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // A tree left behind costs disk space, not correctness; the next start removes it with its run directory.
        }
    }
}
