package dev.driftless.engine.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.driftless.engine.model.Revision;
import dev.driftless.engine.testing.GitTestRepo;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against repositories on local paths; the transports have {@link GitSourceTransportTest}. */
class GitSourceLocalTest {

    @TempDir
    Path dir;

    private GitTestRepo origin;
    private RepoSpec repo;
    private GitSource source;

    @BeforeEach
    void setUp() {
        origin = GitTestRepo.create("app", dir.resolve("origin/app.git"));
        repo = RepoSpec.anonymous(origin.directory().toString());
        source = new GitSource(dir.resolve("cache"));
    }

    @Test
    void fetchResolvesHeadWithCommitMetadata() {
        Instant authored = Instant.parse("2024-03-01T10:15:30Z");
        Instant committed = Instant.parse("2024-03-02T08:00:00Z");
        String sha = origin.commit("Add app\n\nWith a body.")
                .write("app.yaml", "kind: ConfigMap")
                .author("Ada Lovelace", "ada@example.com", authored)
                .committer("Grace Hopper", "grace@example.com", committed)
                .create();

        Revision revision = source.fetch(repo, null);

        assertThat(revision).isEqualTo(new Revision("HEAD", sha,
                new Revision.Person("Ada Lovelace", "ada@example.com", authored),
                new Revision.Person("Grace Hopper", "grace@example.com", committed),
                committed, "Add app\n\nWith a body."));
    }

    @Test
    void resolvesBranchesTagsAndShas() {
        String first = origin.commit("first").write("a", "1").create();
        String second = origin.commit("second").write("a", "2").create();
        origin.branch("release", first);
        origin.lightweightTag("light", first);
        String tagObject = origin.annotatedTag("v2", second, "version 2");

        assertThat(source.fetch(repo, "").sha()).isEqualTo(second);
        assertThat(source.resolve(repo, "main").sha()).isEqualTo(second);
        assertThat(source.resolve(repo, "release").sha()).isEqualTo(first);
        assertThat(source.resolve(repo, "refs/heads/release").sha()).isEqualTo(first);
        assertThat(source.resolve(repo, "light").sha()).isEqualTo(first);
        assertThat(source.resolve(repo, "v2").sha()).isEqualTo(second).isNotEqualTo(tagObject);
        assertThat(source.resolve(repo, first).sha()).isEqualTo(first);
        assertThat(source.resolve(repo, first.substring(0, 10).toUpperCase()).sha()).isEqualTo(first);
        assertThat(source.resolve(repo, "release").requested()).isEqualTo("release");
    }

    @Test
    void commitOutsideBranchesAndTagsIsFetchedBySha() {
        origin.commit("first").write("a", "1").create();
        String pullRequestHead = origin.commit("proposal").onBranch("pr").write("a", "proposed").create();
        origin.ref("refs/pull/1/head", pullRequestHead);
        origin.deleteBranch("pr");

        assertThat(source.fetch(repo, pullRequestHead).sha()).isEqualTo(pullRequestHead);
        Path target = source.checkout(repo, pullRequestHead, dir.resolve("pr"));
        assertThat(target.resolve("a")).hasContent("proposed");
    }

    @Test
    void fileUrlWorksLikeThePath() {
        String sha = origin.commit("first").write("a", "1").create();

        assertThat(source.fetch(RepoSpec.anonymous(origin.fileUrl()), "main").sha()).isEqualTo(sha);
        assertThat(source.resolve(repo, "main").sha()).as("same mirror as the path").isEqualTo(sha);
    }

    @Test
    void fetchIsIncrementalAndFollowsMovedAndDeletedBranches() {
        String first = origin.commit("first").write("a", "1").create();
        origin.branch("feature", first);
        assertThat(source.fetch(repo, "main").sha()).isEqualTo(first);

        String second = origin.commit("second").write("b", "2").create();
        origin.deleteBranch("feature");

        assertThat(source.fetch(repo, "main").sha()).isEqualTo(second);
        assertThatThrownBy(() -> source.resolve(repo, "feature"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'feature'");
    }

    @Test
    void lsRemoteSeesANewCommitWithoutFetchingIt() {
        String first = origin.commit("first").write("a", "1").create();
        source.fetch(repo, "main");
        String second = origin.commit("second").write("a", "2").create();
        String tagObject = origin.annotatedTag("v1", first, "one");

        Map<String, String> refs = source.lsRemote(repo);

        assertThat(refs).containsEntry("HEAD", second)
                .containsEntry("refs/heads/main", second)
                .containsEntry("refs/tags/v1", tagObject)
                .containsEntry("refs/tags/v1^{}", first);
        assertThat(Revisions.resolveAdvertised(refs, "v1")).contains(first);
        assertThat(source.resolve(repo, "main").sha()).as("the mirror was not fetched").isEqualTo(first);
    }

    @Test
    void checkoutWritesTheTreeWithModesAndSymlinks() throws Exception {
        String sha = origin.commit("tree")
                .write("apps/web/deployment.yaml", "kind: Deployment\n")
                .executable("scripts/render.sh", "#!/bin/sh\necho hi\n")
                .symlink("apps/current", "web")
                .symlink("escape", "../../etc/passwd")
                .create();
        source.fetch(repo, "main");
        Path target = dir.resolve("checkout");

        assertThat(source.checkout(repo, sha, target)).isEqualTo(target);

        assertThat(target.resolve("apps/web/deployment.yaml")).hasContent("kind: Deployment");
        assertThat(Files.getPosixFilePermissions(target.resolve("scripts/render.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(target.resolve("apps/web/deployment.yaml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.isSymbolicLink(target.resolve("apps/current"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("apps/current"))).isEqualTo(Path.of("web"));
        assertThat(Files.readSymbolicLink(target.resolve("escape"))).isEqualTo(Path.of("../../etc/passwd"));
        try (var files = Files.list(target)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("apps", "scripts", "escape");
        }
    }

    @Test
    void checkoutOfAnOlderCommitWritesThatCommitsTree() {
        String first = origin.commit("first").write("a", "old").create();
        origin.commit("second").write("a", "new").write("b", "added").create();
        source.fetch(repo, "main");
        Path target = dir.resolve("old");

        source.checkout(repo, first, target);

        assertThat(target.resolve("a")).hasContent("old");
        assertThat(target.resolve("b")).doesNotExist();
    }

    @Test
    void checkoutRefusesANonEmptyTarget() throws Exception {
        String sha = origin.commit("first").write("a", "1").create();
        source.fetch(repo, "main");
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("left-over"), "x");

        assertThatThrownBy(() -> source.checkout(repo, sha, target))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("not empty");
    }

    @Test
    void checkoutRefusesATreeThatClimbsOutOfTheTarget() throws IOException {
        String sha = commitWithRawTree("..", "evil.yaml");
        source.fetch(repo, "main");
        Path target = dir.resolve("work/checkout");

        assertThatThrownBy(() -> source.checkout(repo, sha, target))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(sha)
                .hasMessageContaining("../evil.yaml");
        assertThat(dir.resolve("work/evil.yaml")).doesNotExist();
    }

    @Test
    void checkoutRefusesATreeThatWritesIntoGitMetadata() throws IOException {
        String sha = commitWithRawTree(".git", "config");
        source.fetch(repo, "main");

        assertThatThrownBy(() -> source.checkout(repo, sha, dir.resolve("checkout")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(".git/config");
        assertThat(dir.resolve("checkout/.git")).doesNotExist();
    }

    /** A commit on main whose tree holds {@code directory/file}, written raw because JGit's index refuses such names. */
    private String commitWithRawTree(String directory, String file) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(origin.directory().toFile()).build();
                ObjectInserter inserter = repository.newObjectInserter()) {
            TreeFormatter inner = new TreeFormatter();
            inner.append(file, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, "x".getBytes(UTF_8)));
            TreeFormatter outer = new TreeFormatter();
            outer.append(directory, FileMode.TREE, inserter.insert(inner));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(outer));
            PersonIdent ident = new PersonIdent("Mallory", "mallory@example.com");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("hostile tree");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            origin.branch("main", id.name());
            return id.name();
        }
    }

    @Test
    void changedPathsListsAddedModifiedDeletedAndModeChangedFiles() {
        String from = origin.commit("first")
                .write("a.yaml", "1").write("b.yaml", "1").write("dir/c.yaml", "1").write("run.sh", "x")
                .write("same.yaml", "same").create();
        String to = origin.commit("second")
                .write("a.yaml", "2").delete("b.yaml").write("dir/d.yaml", "new").executable("run.sh", "x")
                .create();
        source.fetch(repo, "main");

        assertThat(source.changedPaths(repo, from, to)).containsExactly("a.yaml", "b.yaml", "dir/d.yaml", "run.sh");
        assertThat(source.changedPaths(repo, to, from)).containsExactly("a.yaml", "b.yaml", "dir/d.yaml", "run.sh");
        assertThat(source.changedPaths(repo, to, to)).isEmpty();
    }

    @Test
    void concurrentFetchesOfOneRepositoryAllSucceed() throws Exception {
        for (int i = 0; i < 20; i++) {
            origin.commit("commit " + i).write("file-" + i, "content " + i).create();
        }
        String head = origin.sha("main");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Revision>> fetches = List.of(
                    pool.submit(() -> source.fetch(repo, "main")),
                    pool.submit(() -> source.fetch(repo, "main")),
                    pool.submit(() -> source.fetch(repo, null)),
                    pool.submit(() -> new GitSource(dir.resolve("cache")).fetch(repo, "main")));
            for (Future<Revision> fetch : fetches) {
                assertThat(fetch.get().sha()).isEqualTo(head);
            }
        }
        Path target = dir.resolve("after-concurrent-fetch");
        source.checkout(repo, head, target);
        try (var files = Files.list(target)) {
            assertThat(files).hasSize(20);
        }
    }

    /** Fetches coalesce across rounds; each must still see the commit made before it was called. */
    @Test
    void concurrentFetchesSeeTheCommitMadeBeforeTheyWereCalled() throws Exception {
        for (int round = 0; round < 5; round++) {
            String head = origin.commit("round " + round).write("round", Integer.toString(round)).create();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Revision>> fetches = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    fetches.add(pool.submit(() -> source.fetch(repo, "main")));
                }
                for (Future<Revision> fetch : fetches) {
                    assertThat(fetch.get().sha()).as("round %d", round).isEqualTo(head);
                }
            }
        }
    }

    @Test
    void unknownRepositoryIsNamed() {
        RepoSpec missing = RepoSpec.anonymous(dir.resolve("no-such-repo.git").toString());

        assertThatThrownBy(() -> source.fetch(missing, "main"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(missing.url())
                .hasMessageContaining("'main'")
                .hasMessageContaining("repository not found");
        assertThatThrownBy(() -> source.lsRemote(missing))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(missing.url())
                .hasMessageContaining("repository not found");
    }

    @Test
    void missingRevisionIsNamed() {
        origin.commit("first").write("a", "1").create();

        assertThatThrownBy(() -> source.fetch(repo, "no-such-branch"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'no-such-branch'")
                .hasMessageContaining(repo.url())
                .hasMessageContaining("no such branch, tag or commit");
        assertThatThrownBy(() -> source.fetch(repo, "0123456789012345678901234567890123456789"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'0123456789012345678901234567890123456789' not found in " + repo.url());
        assertThatThrownBy(() -> source.resolve(repo, "0123456789012345678901234567890123456789"))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'0123456789012345678901234567890123456789'")
                .hasMessageContaining(repo.url());
    }

    @Test
    void emptyRepositoryHasNoHead() {
        assertThatThrownBy(() -> source.fetch(repo, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'HEAD'")
                .hasMessageContaining(repo.url());
    }

    @Test
    void readingBeforeAnyFetchSaysSo() {
        String sha = origin.commit("first").write("a", "1").create();

        assertThatThrownBy(() -> source.checkout(repo, sha, dir.resolve("never")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(repo.url())
                .hasMessageContaining(sha)
                .hasMessageContaining("not been fetched");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void aTreeOrBlobIsNotACommit() {
        origin.commit("first").write("a", "1").create();
        source.fetch(repo, "main");
        String treeSha = treeOf(origin.sha("main"));

        assertThatThrownBy(() -> source.resolve(repo, treeSha))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'" + treeSha + "'")
                .hasMessageContaining("is not a commit");
    }

    private String treeOf(String commitSha) {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(origin.directory().toFile()).build();
                RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(commitSha)).getTree().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
