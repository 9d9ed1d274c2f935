package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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
}
