package dev.driftless.engine.source;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.driftless.engine.model.Revision;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FileUtils;

/**
 * Git repositories as a source of desired state. Keeps one bare mirror per repository under a cache directory,
 * fetched incrementally, and reads commits, trees and changes from it. Safe to share between threads: fetches of the
 * same repository are serialised, by a lock per mirror inside this JVM and a file lock across processes, and
 * coalesced: a thread that waited while a fetch it did not see start ran to success takes that fetch's result
 * rather than asking the repository again (see {@link FetchHistory}).
 */
public final class GitSource {

    /** The remote's HEAD as last fetched; a bare mirror's own HEAD is a symbolic ref that JGit cannot fetch into. */
    private static final String REMOTE_HEAD = "refs/driftless/remote-HEAD";
    private static final String FETCHED_COMMITS = "refs/driftless/commits/";
    private static final List<RefSpec> MIRROR_REFSPECS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"),
            new RefSpec("+refs/tags/*:refs/tags/*"));
    private static final String SSH_CONFIG = """
            Host *
              StrictHostKeyChecking yes
              BatchMode yes
            """;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final ConcurrentMap<Path, MirrorLock> MIRROR_LOCKS = new ConcurrentHashMap<>();

    private final Path cacheDir;
    private final Path sshConfig;
    private final int timeoutSeconds;
    private final RepositoryUrlPolicy urlPolicy;
    private final CheckoutLimits checkoutLimits;

    public GitSource(Path cacheDir) {
        this(cacheDir, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long a network operation may stall before it fails */
    public GitSource(Path cacheDir, Duration timeout) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.timeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
        this.urlPolicy = RepositoryUrlPolicy.ALLOW_ALL;
        this.checkoutLimits = CheckoutLimits.DEFAULTS;
        this.sshConfig = this.cacheDir.resolve("ssh_config");
        try {
            Files.createDirectories(this.cacheDir);
            Files.writeString(sshConfig, SSH_CONFIG);
        } catch (IOException e) {
            throw new SourceException("Cannot prepare the Git cache directory " + this.cacheDir + ": " + e, e);
        }
    }

    private GitSource(GitSource shared, Duration timeout, RepositoryUrlPolicy urlPolicy, CheckoutLimits limits) {
        this.cacheDir = shared.cacheDir;
        this.sshConfig = shared.sshConfig;
        this.timeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
        this.urlPolicy = urlPolicy;
        this.checkoutLimits = limits;
    }

    /** The same cache with another network timeout. */
    public GitSource withTimeout(Duration timeout) {
        return new GitSource(this, timeout, urlPolicy, checkoutLimits);
    }

    /** The same cache, contacting only the repositories that {@code policy} allows; by default every one. */
    public GitSource withUrlPolicy(RepositoryUrlPolicy policy) {
        return new GitSource(this, Duration.ofSeconds(timeoutSeconds), policy, checkoutLimits);
    }

    /** The same cache, checking out only commits within {@code limits}; by default {@link CheckoutLimits#DEFAULTS}. */
    public GitSource withCheckoutLimits(CheckoutLimits limits) {
        return new GitSource(this, Duration.ofSeconds(timeoutSeconds), urlPolicy, limits);
    }

    /** Which repositories this source may contact. */
    public RepositoryUrlPolicy urlPolicy() {
        return urlPolicy;
    }

    /**
     * The refs a repository advertises, name to commit SHA, in one round trip and without fetching objects. An
     * annotated tag appears twice, as {@code refs/tags/v1} (the tag object) and {@code refs/tags/v1^{}} (its commit),
     * as {@code git ls-remote} prints it. Use {@link Revisions#resolveAdvertised} to resolve a revision against it.
     */
    public Map<String, String> lsRemote(RepoSpec repo) {
        urlPolicy.check(repo.url());
        try (TransportAuth auth = new TransportAuth(repo.credentials(), sshConfig)) {
            Collection<Ref> refs = auth.apply(Git.lsRemoteRepository().setRemote(repo.url()))
                    .setTimeout(timeoutSeconds)
                    .call();
            Map<String, String> shas = new TreeMap<>();
            for (Ref ref : refs) {
                if (ref.getObjectId() != null) {
                    shas.put(ref.getName(), ref.getObjectId().name());
                }
                if (ref.getPeeledObjectId() != null) {
                    shas.put(ref.getName() + "^{}", ref.getPeeledObjectId().name());
                }
            }
            return Collections.unmodifiableMap(shas);
        } catch (GitAPIException | JGitInternalException e) {
            throw failure("list the refs of", repo, null, e);
        }
    }

    /**
     * Fetches all branches and tags of a repository into its mirror and resolves a revision there. When it returns,
     * the mirror is at least as fresh as the repository was when it was called; a call that waited for another
     * fetch of the same repository which started after it and succeeded resolves in the mirror without a round trip.
     */
    public Revision fetch(RepoSpec repo, String revision) {
        urlPolicy.check(repo.url());
        String requested = Revisions.requested(revision);
        Path mirror = mirrorPath(repo);
        MirrorLock lock = MIRROR_LOCKS.computeIfAbsent(mirror, ignored -> new MirrorLock());
        long arrival = lock.history().started();
        return withMirrorLock(mirror, lock, repo, () -> {
            try (Repository repository = openOrCreateMirror(mirror);
                    Git git = new Git(repository);
                    TransportAuth auth = new TransportAuth(repo.credentials(), sshConfig)) {
                boolean missingSha = Revisions.isFullSha(requested)
                        && !repository.getObjectDatabase().has(ObjectId.fromString(requested));
                if (missingSha || !lock.history().fetchedSince(arrival)) {
                    long ticket = lock.start();
                    fetchAll(repository, git, auth, repo, requested);
                    lock.succeeded(ticket);
                }
                return toRevision(requested, commit(repository, repo, requested));
            } catch (GitAPIException | JGitInternalException | IOException e) {
                throw failure("fetch", repo, requested, e);
            }
        });
    }

    private void fetchAll(Repository repository, Git git, TransportAuth auth, RepoSpec repo, String requested)
            throws GitAPIException, IOException {
        FetchResult result = auth.apply(git.fetch())
                .setRemote(repo.url())
                .setRefSpecs(MIRROR_REFSPECS)
                .setTagOpt(TagOpt.NO_TAGS)
                .setRemoveDeletedRefs(true)
                .setTimeout(timeoutSeconds)
                .call();
        recordRemoteHead(repository, result.getAdvertisedRef(Constants.HEAD));
        if (Revisions.isFullSha(requested) && !repository.getObjectDatabase().has(ObjectId.fromString(requested))) {
            fetchCommit(git, auth, repo, requested);
        }
    }

    /**
     * A commit that no branch or tag reaches, such as a pull request's head, can still be asked for by its SHA where
     * the server allows it. A ref keeps it in the mirror.
     */
    private void fetchCommit(Git git, TransportAuth auth, RepoSpec repo, String sha) {
        try {
            auth.apply(git.fetch())
                    .setRemote(repo.url())
                    .setRefSpecs(new RefSpec(sha + ":" + FETCHED_COMMITS + sha))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTimeout(timeoutSeconds)
                    .call();
        } catch (GitAPIException | JGitInternalException e) {
            throw new SourceException("Revision '" + sha + "' not found in " + repo.url()
                    + ": no branch or tag reaches it and the server does not serve it by SHA (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Resolves a revision in the mirror as last fetched, without contacting the repository. */
    public Revision resolve(RepoSpec repo, String revision) {
        String requested = Revisions.requested(revision);
        try (Repository repository = openMirror(repo, requested)) {
            return toRevision(requested, commit(repository, repo, requested));
        }
    }

    /**
     * Writes the tree of a fetched commit into {@code target} as plain files: executables keep their execute bit,
     * symbolic links stay links (their targets are not checked here), submodules become empty directories and
     * nothing of Git is written. {@code target} must not exist or be empty; after a failure it may hold part of the
     * tree. A path that could escape {@code target} ({@code ..}, {@code .git}) fails the checkout.
     *
     * @return {@code target}
     */
    public Path checkout(RepoSpec repo, String sha, Path target) {
        try (Repository repository = openMirror(repo, sha)) {
            RevCommit commit = commit(repository, repo, sha);
            requireWithinLimits(repository, commit, repo);
            prepareEmptyDirectory(repo, sha, target);
            writeRegion(repository, commit, target, "", Set.of(), false);
            return target;
        } catch (IOException | InvalidPathException e) {
            throw new SourceException("Cannot check out commit " + sha + " of " + repo.url() + " into " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one subtree of a fetched commit into {@code target}, as {@link #checkout} writes the whole tree, for
     * {@link SharedCheckouts}. {@code path} is repository-relative ({@code ""} for the whole tree) and names a
     * directory or a file; a path the commit does not hold writes nothing. Paths within {@code present} (earlier
     * subtrees, complete on disk) are left as they are; anything else under {@code path} that a failed earlier call
     * left is replaced.
     *
     * @return whether the subtree holds a symbolic link or lies behind one, so that what it shows may depend on
     * files outside it
     */
    boolean checkoutSubtree(RepoSpec repo, String sha, Path target, String path, Set<String> present) {
        try (Repository repository = openMirror(repo, sha)) {
            RevCommit commit = commit(repository, repo, sha);
            if (present.isEmpty()) {
                requireWithinLimits(repository, commit, repo);
            }
            return writeRegion(repository, commit, target, path, present, true);
        } catch (IOException | InvalidPathException e) {
            throw new SourceException("Cannot check out '" + path + "' of commit " + sha + " of " + repo.url()
                    + " into " + target + ": " + e.getMessage(), e);
        }
    }

    /** Repository-relative paths that differ between two fetched commits, sorted; renames count as two paths. */
    public List<String> changedPaths(RepoSpec repo, String fromSha, String toSha) {
        try (Repository repository = openMirror(repo, toSha);
                TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit(repository, repo, fromSha).getTree());
            walk.addTree(commit(repository, repo, toSha).getTree());
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            List<String> paths = new ArrayList<>();
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
            return List.copyOf(paths);
        } catch (IOException e) {
            throw new SourceException("Cannot compare commits " + fromSha + " and " + toSha + " of " + repo.url()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Where {@link SharedCheckouts} keep their trees, beside the mirrors they are written from. */
    Path checkoutsDirectory() {
        return cacheDir.resolve("checkouts");
    }

    private Path mirrorPath(RepoSpec repo) {
        return cacheDir.resolve("mirrors").resolve(repo.mirrorName() + ".git");
    }

    private interface MirrorWork<T> {
        T run();
    }

    private static <T> T withMirrorLock(Path mirror, MirrorLock mirrorLock, RepoSpec repo, MirrorWork<T> work) {
        ReentrantLock lock = mirrorLock.lock;
        lock.lock();
        try {
            Files.createDirectories(mirror.getParent());
            Path lockFile = mirror.resolveSibling(mirror.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new SourceException("Cannot lock the mirror of " + repo.url() + " at " + mirror + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** The lock of one mirror in this JVM and the history of its fetches, changed only while the lock is held. */
    private static final class MirrorLock {
        final ReentrantLock lock = new ReentrantLock();
        private volatile FetchHistory history = FetchHistory.NONE;

        FetchHistory history() {
            return history;
        }

        long start() {
            history = history.withNextStarted();
            return history.started();
        }

        void succeeded(long ticket) {
            history = history.succeeded(ticket);
        }
    }

    private static Repository openOrCreateMirror(Path mirror) throws IOException {
        Repository repository = FileRepositoryBuilder.create(mirror.toFile());
        if (!repository.getObjectDatabase().exists()) {
            repository.create(true);
        }
        return repository;
    }

    private Repository openMirror(RepoSpec repo, String revision) {
        Path mirror = mirrorPath(repo);
        try {
            return new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new SourceException("Repository " + repo.url() + " has not been fetched yet, so revision '"
                    + revision + "' cannot be read", e);
        }
    }

    private static void recordRemoteHead(Repository repository, Ref advertisedHead) throws IOException {
        RefUpdate update = repository.updateRef(REMOTE_HEAD);
        update.setForceUpdate(true);
        if (advertisedHead == null || advertisedHead.getObjectId() == null) {
            update.delete();
        } else {
            update.setNewObjectId(advertisedHead.getObjectId());
            update.update();
        }
    }

    /** Branches win over tags of the same name; then full or abbreviated SHAs. */
    private static RevCommit commit(Repository repository, RepoSpec repo, String revision) {
        String notFound = "Revision '" + revision + "' not found in " + repo.url();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = lookup(repository, revision);
            if (id == null) {
                throw new SourceException(notFound + ": no such branch, tag or commit");
            }
            return walk.parseCommit(id);
        } catch (AmbiguousObjectException e) {
            throw new SourceException("Revision '" + revision + "' of " + repo.url()
                    + " is ambiguous: it abbreviates several objects; give more characters", e);
        } catch (MissingObjectException e) {
            throw new SourceException(notFound + ": no such commit", e);
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("Revision '" + revision + "' of " + repo.url() + " is not a commit", e);
        } catch (IOException e) {
            throw new SourceException("Cannot read revision '" + revision + "' of " + repo.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private static ObjectId lookup(Repository repository, String revision) throws IOException {
        if (revision.equals(Revisions.HEAD)) {
            return objectId(repository.exactRef(REMOTE_HEAD));
        }
        for (String name : List.of(revision, Constants.R_HEADS + revision, Constants.R_TAGS + revision)) {
            if (name.startsWith(Constants.R_REFS)) {
                ObjectId id = objectId(repository.exactRef(name));
                if (id != null) {
                    return id;
                }
            }
        }
        String lowerCase = revision.toLowerCase(Locale.ROOT);
        if (Revisions.isFullSha(lowerCase) || Revisions.isAbbreviatedSha(lowerCase)) {
            return repository.resolve(lowerCase);
        }
        return null;
    }

    private static ObjectId objectId(Ref ref) {
        return ref == null ? null : ref.getObjectId();
    }

    private static Revision toRevision(String requested, RevCommit commit) {
        PersonIdent committer = commit.getCommitterIdent();
        return new Revision(requested, commit.name(), person(commit.getAuthorIdent()), person(committer),
                committer.getWhenAsInstant(), commit.getFullMessage());
    }

    private static Revision.Person person(PersonIdent ident) {
        return new Revision.Person(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant());
    }

    private static void prepareEmptyDirectory(RepoSpec repo, String sha, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new SourceException("Cannot check out commit " + sha + " of " + repo.url() + " into "
                            + target + ": the directory is not empty");
                }
            }
        }
        Files.createDirectories(target);
    }

    /**
     * Refuses a commit that holds more than the checkout limits allow, before anything is written; the whole commit
     * counts, since a shared tree may come to hold all of it. Sizes come from the object headers, not the contents.
     */
    private void requireWithinLimits(Repository repository, RevCommit commit, RepoSpec repo) throws IOException {
        long files = 0;
        long bytes = 0;
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files++;
                if (files > checkoutLimits.maxFiles()) {
                    throw new SourceException("Commit " + commit.name() + " of " + repo.url() + " holds more than "
                            + checkoutLimits.maxFiles() + " files, the limit per checkout");
                }
                if (!FileMode.GITLINK.equals(walk.getFileMode(0))) {
                    bytes += walk.getObjectReader().getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                }
                if (bytes > checkoutLimits.maxBytes()) {
                    throw new SourceException("Commit " + commit.name() + " of " + repo.url() + " holds more than "
                            + checkoutLimits.maxBytes() + " bytes of files, the limit per checkout");
                }
            }
        }
    }

    /**
     * Walks only the trees on the way to {@code path} and under it, skipping those within {@code present}.
     *
     * @return whether a symbolic link was written or lies on the way to {@code path}
     */
    private static boolean writeRegion(Repository repository, RevCommit commit, Path target, String path,
                                       Set<String> present, boolean replace) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        ObjectChecker pathChecker = new ObjectChecker();
        boolean linked = false;
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            while (walk.next()) {
                String entry = walk.getPathString();
                boolean symlink = FileMode.SYMLINK.equals(walk.getFileMode(0));
                if (present.stream().anyMatch(done -> SubtreePaths.within(entry, done))) {
                    continue;
                }
                if (SubtreePaths.within(entry, path)) {
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    } else {
                        writeEntry(repository, walk, root, pathChecker, replace);
                        linked |= symlink;
                    }
                } else if (SubtreePaths.within(path, entry)) {
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    } else {
                        linked |= symlink;
                    }
                }
            }
        }
        return linked;
    }

    private static void writeEntry(Repository repository, TreeWalk walk, Path root, ObjectChecker pathChecker,
                                   boolean replace) throws IOException {
        String path = walk.getPathString();
        try {
            pathChecker.checkPath(path);
        } catch (CorruptObjectException e) {
            throw new IOException("the commit contains the unsafe path '" + path + "': " + e.getMessage(), e);
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("the commit contains the path '" + path + "' outside the repository");
        }
        Files.createDirectories(file.getParent());
        if (replace) {
            FileUtils.delete(file.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        }
        FileMode mode = walk.getFileMode(0);
        if (FileMode.GITLINK.equals(mode)) {
            Files.createDirectory(file);
            return;
        }
        ObjectLoader content = repository.open(walk.getObjectId(0));
        if (FileMode.SYMLINK.equals(mode)) {
            Files.createSymbolicLink(file, Path.of(new String(content.getBytes(), StandardCharsets.UTF_8)));
            return;
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            content.copyTo(out);
        }
        if (FileMode.EXECUTABLE_FILE.equals(mode)) {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(file, permissions);
        }
    }

    private static SourceException failure(String action, RepoSpec repo, String revision, Exception e) {
        String at = revision == null ? "" : " (revision '" + revision + "')";
        return new SourceException("Cannot " + action + " " + repo.url() + at + ": " + reason(e), e);
    }

    /** A short cause first, then JGit's own message, which names the URL as given and never a credential. */
    private static String reason(Throwable error) {
        String detail = error.getMessage();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof NoRemoteRepositoryException || message.contains("not found")
                    || message.contains("no such repository") || message.contains("not exported")
                    || message.contains("not a git repository")) {
                return "repository not found (" + detail + ")";
            }
            if (message.contains("not authorized") || message.contains("authentication")
                    || message.contains("auth fail") || message.contains("cannot log in")) {
                return "authentication failed (" + detail + ")";
            }
            if (message.contains("host key") || message.contains("server key")) {
                return "the server's host key is not trusted (" + detail + ")";
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || message.contains("connection refused")
                    || message.contains("unknownhost")) {
                return "host unreachable (" + detail + ")";
            }
        }
        return detail;
    }
}
