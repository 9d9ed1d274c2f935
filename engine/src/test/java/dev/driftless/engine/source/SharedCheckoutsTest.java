package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedCheckoutsTest {

    @TempDir
    Path dir;

    private GitTestRepo origin;
    private RepoSpec repo;
    private GitSource git;

    @BeforeEach
    void setUp() {
        origin = GitTestRepo.create("mono", dir.resolve("origin/mono.git"));
        repo = RepoSpec.anonymous(origin.directory().toString());
        git = new GitSource(dir.resolve("cache"));
    }

    @Test
    void leasesOfOneCommitShareOneTree() throws Exception {
        String sha = origin.commit("one").write("apps/a/cm.yaml", "a").create();
        git.fetch(repo, "main");
        SharedCheckouts checkouts = new SharedCheckouts(git);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SharedCheckouts.Lease>> leases = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                leases.add(pool.submit(() -> {
                    SharedCheckouts.Lease lease = checkouts.acquire(repo, sha);
                    lease.materialiseAll();
                    return lease;
                }));
            }
            Path root = leases.getFirst().get().root();
            for (Future<SharedCheckouts.Lease> lease : leases) {
                assertThat(lease.get().root()).isEqualTo(root);
                assertThat(lease.get().root().resolve("apps/a/cm.yaml")).hasContent("a");
                lease.get().close();
            }
            assertThat(root).as("the newest tree outlives its leases").isDirectory();
        }
    }

    @Test
    void anUnleasedTreeGoesWhenANewerCommitIsLeased() {
        String first = origin.commit("one").write("a.yaml", "1").create();
        String second = origin.commit("two").write("a.yaml", "2").create();
        git.fetch(repo, "main");
        SharedCheckouts checkouts = new SharedCheckouts(git);

        Path firstRoot;
        try (SharedCheckouts.Lease lease = checkouts.acquire(repo, first)) {
            firstRoot = lease.root();
        }
        try (SharedCheckouts.Lease lease = checkouts.acquire(repo, second)) {
            lease.materialiseAll();
            assertThat(lease.root().resolve("a.yaml")).hasContent("2");
            assertThat(firstRoot).doesNotExist();
        }
    }

    @Test
    void aLeasedTreeStaysUntilItsLastLeaseCloses() {
        String first = origin.commit("one").write("a.yaml", "1").create();
        String second = origin.commit("two").write("a.yaml", "2").create();
        git.fetch(repo, "main");
        SharedCheckouts checkouts = new SharedCheckouts(git);

        SharedCheckouts.Lease old = checkouts.acquire(repo, first);
        old.materialiseAll();
        checkouts.acquire(repo, second).close();
        assertThat(old.root().resolve("a.yaml")).hasContent("1");

        old.close();
        assertThat(old.root()).doesNotExist();
        old.close();
        try (SharedCheckouts.Lease again = checkouts.acquire(repo, first)) {
            again.materialiseAll();
            assertThat(again.root().resolve("a.yaml")).hasContent("1");
        }
    }

    @Test
    void aFailedCheckoutLeavesNothingAndCanBeRetried() throws Exception {
        String sha = origin.commit("one").write("a.yaml", "1").create();
        String unknown = "0".repeat(40);
        SharedCheckouts checkouts = new SharedCheckouts(git);

        assertThatThrownBy(() -> checkouts.acquire(repo, sha)).isInstanceOf(SourceException.class)
                .hasMessageContaining("has not been fetched yet");
        git.fetch(repo, "main");
        assertThatThrownBy(() -> checkouts.acquire(repo, unknown)).isInstanceOf(SourceException.class)
                .hasMessageContaining(unknown);
        try (SharedCheckouts.Lease lease = checkouts.acquire(repo, sha)) {
            lease.materialiseAll();
            assertThat(lease.root().resolve("a.yaml")).hasContent("1");
            try (var trees = Files.list(lease.root().getParent())) {
                assertThat(trees).containsExactly(lease.root());
            }
        }
    }

    @Test
    void runDirectoriesOfProcessesThatEndedAreDeletedOnStart() throws Exception {
        Path checkoutsDirectory = git.checkoutsDirectory();
        Path abandoned = Files.createDirectories(checkoutsDirectory.resolve("run-999999999-123/tree"));
        Path live = Files.createDirectories(checkoutsDirectory.resolve("run-" + ProcessHandle.current().pid() + "-1"));
        Path foreign = Files.createDirectories(checkoutsDirectory.resolve("not-a-run"));

        new SharedCheckouts(git);

        assertThat(abandoned.getParent()).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(foreign).isDirectory();
    }

    @Test
    void materialisingASubtreeWritesItCompletelyAndNothingElse() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            Path web = lease.materialise("./apps/web/");

            assertThat(web).isEqualTo(lease.root().resolve("apps/web"));
            assertThat(filesUnder(lease.root())).containsExactly("apps/web/cm.yaml", "apps/web/deep/more/cm.yaml",
                    "apps/web/run.sh");
            assertThat(web.resolve("deep/more/cm.yaml")).hasContent("deep");
            assertThat(Files.isExecutable(web.resolve("run.sh"))).isTrue();
            assertThat(lease.covers("apps/web/deep")).isTrue();
            assertThat(lease.covers("apps/web/not-in-the-commit.yaml")).isTrue();
            assertThat(lease.covers("apps")).as("holds only what was materialised").isFalse();
            assertThat(lease.covers("apps/api/cm.yaml")).isFalse();
        }
    }

    @Test
    void aFileMaterialisesAlone() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            lease.materialise("bases/web/kustomization.yaml");

            assertThat(filesUnder(lease.root())).containsExactly("bases/web/kustomization.yaml");
            assertThat(lease.covers("bases/web/kustomization.yaml")).isTrue();
            assertThat(lease.covers("bases/web/deployment.yaml")).isFalse();
        }
    }

    @Test
    void aPathTheCommitDoesNotHoldMaterialisesNothing() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            lease.materialise("apps/missing");
            lease.materialise("apps/web/cm.yaml/below-a-file");

            assertThat(filesUnder(lease.root())).isEmpty();
            assertThat(lease.covers("apps/missing/kustomization.yaml")).as("its absence is what a full checkout shows")
                    .isTrue();
        }
    }

    @Test
    void materialisingWhatIsMaterialisedAlreadyWritesNothing() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");
        SharedCheckouts checkouts = new SharedCheckouts(git);

        try (SharedCheckouts.Lease first = checkouts.acquire(repo, sha);
                SharedCheckouts.Lease second = checkouts.acquire(repo, sha)) {
            first.materialise("apps");
            // Removed behind the tree's back: only a second write would bring it back.
            Files.delete(first.root().resolve("apps/web/deep/more/cm.yaml"));

            second.materialise("apps/web/deep");
            second.materialise("apps");
            first.materialise("apps/api");

            assertThat(first.root().resolve("apps/web/deep/more/cm.yaml")).doesNotExist();
            assertThat(second.covers("apps/web/deep/more/cm.yaml")).isTrue();
            assertThat(second.covers("bases")).as("covers only what it asked for").isFalse();
        }
    }

    @Test
    void materialisingAllAfterSubtreesEqualsAFullCheckout() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");
        Path full = git.checkout(repo, sha, dir.resolve("full"));

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            lease.materialise("apps/web/deep");
            lease.materialise("bases/web/kustomization.yaml");
            lease.materialiseAll();

            assertThat(filesUnder(lease.root())).isEqualTo(filesUnder(full)).contains("root.yaml", "apps/api/cm.yaml");
            for (String file : filesUnder(full)) {
                assertThat(lease.root().resolve(file)).hasSameTextualContentAs(full.resolve(file));
            }
            assertThat(lease.covers("")).isTrue();
        }
    }

    @Test
    void concurrentMaterialisationsOfOverlappingSubtreesWriteEachFileOnce() throws Exception {
        String sha = monorepo().create();
        git.fetch(repo, "main");
        SharedCheckouts checkouts = new SharedCheckouts(git);
        List<String> paths = List.of("apps/web", "apps", "apps/web/deep", "apps/web", "apps/api", "", "apps", "bases");

        try (SharedCheckouts.Lease lease = checkouts.acquire(repo, sha);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Path>> done = new ArrayList<>();
            for (String path : paths) {
                done.add(pool.submit(() -> lease.materialise(path)));
            }
            for (Future<Path> materialised : done) {
                assertThat(materialised.get()).exists();
            }
            assertThat(filesUnder(lease.root())).isEqualTo(filesUnder(git.checkout(repo, sha, dir.resolve("full"))));
        }
    }

    @Test
    void aSubtreeHoldingASymlinkMaterialisesTheWholeCommit() throws Exception {
        String sha = monorepo().symlink("apps/web/shared.yaml", "../../bases/web/deployment.yaml").create();
        git.fetch(repo, "main");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            lease.materialise("apps/web");

            assertThat(Files.isSymbolicLink(lease.root().resolve("apps/web/shared.yaml"))).isTrue();
            assertThat(lease.root().resolve("apps/web/shared.yaml")).hasContent("deployment");
            assertThat(lease.root().resolve("root.yaml")).exists();
            assertThat(lease.covers("apps/api")).isTrue();
        }
    }

    @Test
    void aPathBehindASymlinkMaterialisesTheWholeCommit() throws Exception {
        String sha = monorepo().symlink("apps/alias", "web").create();
        git.fetch(repo, "main");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            Path aliased = lease.materialise("apps/alias/cm.yaml");

            assertThat(aliased).hasContent("web");
            assertThat(lease.root().resolve("bases/web/deployment.yaml")).exists();
        }
    }

    private GitTestRepo.Commit monorepo() {
        return origin.commit("monorepo")
                .write("root.yaml", "root")
                .write("apps/web/cm.yaml", "web")
                .write("apps/web/deep/more/cm.yaml", "deep")
                .executable("apps/web/run.sh", "#!/bin/sh")
                .write("apps/api/cm.yaml", "api")
                .write("bases/web/kustomization.yaml", "kustomization")
                .write("bases/web/deployment.yaml", "deployment");
    }

    /** Regular files and links under a tree, relative to it, sorted. */
    private static List<String> filesUnder(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(file -> !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                    .map(file -> root.relativize(file).toString())
                    .sorted()
                    .toList();
        }
    }
}
