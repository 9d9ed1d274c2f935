package dev.driftless.engine.source;

import dev.driftless.engine.testing.GitTestRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckoutLimitsTest {

    @TempDir
    Path dir;

    private GitTestRepo origin;
    private RepoSpec repo;
    private String sha;

    /** Three files of 10, 20 and 30 bytes, two of them outside the directory an application asks for. */
    @BeforeEach
    void setUp() {
        origin = GitTestRepo.create("big", dir.resolve("origin/big.git"));
        repo = RepoSpec.anonymous(origin.directory().toString());
        sha = origin.commit("three files").write("app/a.yaml", "a".repeat(10)).write("other/b.yaml", "b".repeat(20))
                .write("other/c.yaml", "c".repeat(30)).create();
    }

    private GitSource limitedTo(long files, long bytes) {
        GitSource git = new GitSource(dir.resolve("cache")).withCheckoutLimits(new CheckoutLimits(files, bytes));
        git.fetch(repo, "main");
        return git;
    }

    @Test
    void aCommitWithinTheLimitsChecksOut() {
        GitSource git = limitedTo(3, 60);

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            assertThat(lease.materialise("app").resolve("a.yaml")).hasContent("a".repeat(10));
        }
        assertThat(git.checkout(repo, sha, dir.resolve("private")).resolve("other/c.yaml")).hasContent("c".repeat(30));
    }

    @Test
    void tooManyFilesAreRefusedBeforeAnythingIsWrittenEvenForASmallSubtree() {
        GitSource git = limitedTo(2, 1_000);

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            assertThatThrownBy(() -> lease.materialise("app"))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Commit " + sha + " of " + repo.url() + " holds more than 2 files, the limit per"
                            + " checkout");
            assertThat(lease.root().resolve("app")).doesNotExist();
        }
    }

    @Test
    void tooManyBytesAreRefusedForSharedAndPrivateCheckouts() {
        GitSource git = limitedTo(10, 59);
        Path target = dir.resolve("private");

        try (SharedCheckouts.Lease lease = new SharedCheckouts(git).acquire(repo, sha)) {
            assertThatThrownBy(lease::materialiseAll).isInstanceOf(SourceException.class)
                    .hasMessageEndingWith("holds more than 59 bytes of files, the limit per checkout");
        }
        assertThatThrownBy(() -> git.checkout(repo, sha, target)).isInstanceOf(SourceException.class)
                .hasMessageContaining("more than 59 bytes");
        assertThat(Files.exists(target)).as("nothing written").isFalse();
    }

    @Test
    void theDefaultsAreGenerousAndLimitsMustBePositive() {
        assertThat(CheckoutLimits.DEFAULTS).isEqualTo(new CheckoutLimits(100_000, 1024L * 1024 * 1024));
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckoutLimits(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new CheckoutLimits(1, 0));
    }
}
