package dev.driftless.engine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.util.FileUtils;

/**
 * Checked-out trees of fetched commits, one per repository and commit, shared by every render at that commit: in a
 * monorepo a thousand applications at one commit cost one tree instead of a thousand. A tree is counted while
 * leased and deleted once no lease holds it, unless it is its repository's most recently leased commit, which the
 * next compares (three per application, and every other application's) are likely to ask for again.
 *
 * <p>A tree is written lazily, by subtree: a lease {@linkplain Lease#materialise materialises} the directories its
 * render needs, so the one application a commit concerns does not wait for the files of every other application.
 * A materialised subtree is complete and never written again; a directory above one holds only what has been
 * materialised so far, so a reader must trust only the paths its lease {@linkplain Lease#covers covers}. A subtree
 * that holds a symbolic link, or lies behind one, materialises the whole commit, since a link can show files from
 * anywhere in it.
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
    private static final String WHOLE_TREE = "";

    private record Key(String mirror, String sha) {
    }

    /**
     * A tree and its lease count, guarded by the {@link SharedCheckouts} monitor; its directory and the subtrees
     * materialised in it (complete on disk, none within another) are written under its own.
     */
    private static final class Tree {
        final Path directory;
        final Set<String> materialised = new HashSet<>();
        int leases;
        boolean prepared;

        Tree(Path directory) {
            this.directory = directory;
        }
    }

    /** One holder's use of a tree; closing it lets the tree go. */
    public final class Lease implements AutoCloseable {
        private final RepoSpec repo;
        private final Key key;
        private final Tree tree;
        private final Set<String> covered = ConcurrentHashMap.newKeySet();
        private boolean closed;

        private Lease(RepoSpec repo, Key key, Tree tree) {
            this.repo = repo;
            this.key = key;
            this.tree = tree;
        }

        /** The root of the checked-out commit, holding what has been materialised. Read it only. */
        public Path root() {
            return tree.directory;
        }

        /**
         * Writes a directory (with everything under it) or a file of the commit, unless it, or a directory above it,
         * is written already; a path the commit does not hold writes nothing. Safe to call from several threads.
         *
         * @param path repository-relative, {@code ""} or {@code .} for the whole commit
         * @return where the path is in the tree
         */
        public Path materialise(String path) {
            String subtree = SubtreePaths.normalise(path);
            synchronized (tree) {
                if (tree.materialised.stream().noneMatch(done -> SubtreePaths.within(subtree, done))) {
                    write(subtree);
                }
                covered.add(tree.materialised.contains(WHOLE_TREE) ? WHOLE_TREE : subtree);
            }
            return tree.directory.resolve(subtree);
        }

        /** Writes every file of the commit not written yet, so the tree equals a full checkout. */
        public void materialiseAll() {
            materialise(WHOLE_TREE);
        }

        /**
         * Whether what this lease has materialised so far holds the path as a full checkout does, so a read of it
         * (or a probe that finds nothing) has the answer a full checkout would give.
         */
        public boolean covers(String path) {
            String normalised = SubtreePaths.normalise(path);
            return covered.stream().anyMatch(subtree -> SubtreePaths.within(normalised, subtree));
        }

        private void write(String subtree) {
            Set<String> present = Set.copyOf(tree.materialised);
            boolean linked = git.checkoutSubtree(repo, key.sha(), tree.directory, subtree, present);
            tree.materialised.removeIf(done -> SubtreePaths.within(done, subtree));
            tree.materialised.add(subtree);
            if (linked && !subtree.equals(WHOLE_TREE)) {
                write(WHOLE_TREE);
            }
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
     * A lease on the tree of a fetched commit, with nothing materialised by it yet. Fails when the commit has not
     * been fetched.
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
        Lease lease = new Lease(repo, key, tree);
        try {
            synchronized (tree) {
                if (!tree.prepared) {
                    prepare(repo, sha, tree);
                }
            }
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private void prepare(RepoSpec repo, String sha, Tree tree) {
        git.resolve(repo, sha);
        try {
            Files.createDirectories(tree.directory);
        } catch (IOException e) {
            throw new SourceException("Cannot create the checkout directory " + tree.directory + ": "
                    + e.getMessage(), e);
        }
        tree.prepared = true;
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
