package dev.driftless.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare test repository that commits straight into its object database, without a work tree, so the servers of
 * {@link GitServers} can serve it as is. Commits go to {@code main} unless told otherwise; HEAD points at {@code main}.
 */
public final class GitTestRepo {

    public static final String DEFAULT_BRANCH = "main";

    private final String name;
    private final Path directory;

    private GitTestRepo(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** Creates an empty bare repository in {@code directory}. */
    public static GitTestRepo create(String name, Path directory) {
        try (Git ignored = Git.init().setBare(true).setInitialBranch(DEFAULT_BRANCH)
                .setDirectory(directory.toFile()).call()) {
            return new GitTestRepo(name, directory);
        } catch (GitAPIException e) {
            throw new IllegalStateException("Cannot create test repository " + directory, e);
        }
    }

    public String name() {
        return name;
    }

    /** The bare repository directory, usable as a local path URL. */
    public Path directory() {
        return directory;
    }

    public String fileUrl() {
        return directory.toUri().toString();
    }

    /** Starts a commit on {@link #DEFAULT_BRANCH} whose tree is its parent's tree with the changes made on it. */
    public Commit commit(String message) {
        return new Commit(message);
    }

    public void branch(String branch, String sha) {
        ref(Constants.R_HEADS + branch, sha);
    }

    /** Points any ref, such as {@code refs/pull/1/head}, at a commit. */
    public void ref(String ref, String sha) {
        updateRef(ref, ObjectId.fromString(sha));
    }

    public void deleteBranch(String branch) {
        try (Repository repository = open()) {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setForceUpdate(true);
            update.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void lightweightTag(String tag, String sha) {
        updateRef(Constants.R_TAGS + tag, ObjectId.fromString(sha));
    }

    /** @return the SHA of the tag object, which differs from the commit's */
    public String annotatedTag(String tag, String sha, String message) {
        try (Repository repository = open(); ObjectInserter inserter = repository.newObjectInserter()) {
            TagBuilder builder = new TagBuilder();
            builder.setTag(tag);
            builder.setObjectId(ObjectId.fromString(sha), Constants.OBJ_COMMIT);
            builder.setTagger(new PersonIdent("Tagger", "tagger@example.com"));
            builder.setMessage(message);
            ObjectId tagId = inserter.insert(builder);
            inserter.flush();
            updateRef(Constants.R_TAGS + tag, tagId);
            return tagId.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit a branch points to. */
    public String sha(String branch) {
        try (Repository repository = open()) {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            if (ref == null) {
                throw new IllegalArgumentException("Test repository " + name + " has no branch " + branch);
            }
            return ref.getObjectId().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
    }

    private void updateRef(String ref, ObjectId id) {
        try (Repository repository = open()) {
            RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                    || result == RefUpdate.Result.REJECTED) {
                throw new IllegalStateException("Cannot update " + ref + " in " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One commit being assembled; {@link #create()} writes it and moves the branch. */
    public final class Commit {

        private final String message;
        private final List<DirCacheEditor.PathEdit> edits = new ArrayList<>();
        private final List<Blob> blobs = new ArrayList<>();
        private String branch = DEFAULT_BRANCH;
        private PersonIdent author = new PersonIdent("Test Author", "author@example.com");
        private PersonIdent committer = new PersonIdent("Test Committer", "committer@example.com");

        private Commit(String message) {
            this.message = message;
        }

        public Commit write(String path, String content) {
            blobs.add(new Blob(path, FileMode.REGULAR_FILE, content));
            return this;
        }

        public Commit executable(String path, String content) {
            blobs.add(new Blob(path, FileMode.EXECUTABLE_FILE, content));
            return this;
        }

        public Commit symlink(String path, String target) {
            blobs.add(new Blob(path, FileMode.SYMLINK, target));
            return this;
        }

        public Commit delete(String path) {
            edits.add(new DirCacheEditor.DeletePath(path));
            return this;
        }

        public Commit onBranch(String branchName) {
            this.branch = branchName;
            return this;
        }

        public Commit author(String authorName, String email, Instant when) {
            this.author = new PersonIdent(authorName, email, when, ZoneOffset.UTC);
            return this;
        }

        public Commit committer(String committerName, String email, Instant when) {
            this.committer = new PersonIdent(committerName, email, when, ZoneOffset.UTC);
            return this;
        }

        /** @return the new commit's SHA */
        public String create() {
            try (Repository repository = open();
                    ObjectInserter inserter = repository.newObjectInserter();
                    ObjectReader reader = repository.newObjectReader()) {
                Ref parent = repository.exactRef(Constants.R_HEADS + branch);
                DirCache tree = DirCache.newInCore();
                if (parent != null) {
                    DirCacheBuilder builder = tree.builder();
                    try (RevWalk walk = new RevWalk(reader)) {
                        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader,
                                walk.parseCommit(parent.getObjectId()).getTree());
                    }
                    builder.finish();
                }
                DirCacheEditor editor = tree.editor();
                for (Blob blob : blobs) {
                    ObjectId blobId = inserter.insert(Constants.OBJ_BLOB, blob.content().getBytes(StandardCharsets.UTF_8));
                    editor.add(new DirCacheEditor.PathEdit(blob.path()) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(blob.mode());
                            entry.setObjectId(blobId);
                        }
                    });
                }
                edits.forEach(editor::add);
                editor.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree.writeTree(inserter));
                if (parent != null) {
                    commit.setParentId(parent.getObjectId());
                }
                commit.setAuthor(author);
                commit.setCommitter(committer);
                commit.setMessage(message);
                ObjectId commitId = inserter.insert(commit);
                inserter.flush();
                updateRef(Constants.R_HEADS + branch, commitId);
                return commitId.name();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Blob(String path, FileMode mode, String content) {
    }
}
