package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RevisionsTest {

    private static final String MAIN = "1111111111111111111111111111111111111111";
    private static final String RELEASE = "2222222222222222222222222222222222222222";
    private static final String TAG_OBJECT = "3333333333333333333333333333333333333333";
    private static final String TAGGED_COMMIT = "4444444444444444444444444444444444444444";
    private static final Map<String, String> REFS = Map.of(
            "HEAD", MAIN,
            "refs/heads/main", MAIN,
            "refs/heads/release", RELEASE,
            "refs/tags/light", RELEASE,
            "refs/tags/v1", TAG_OBJECT,
            "refs/tags/v1^{}", TAGGED_COMMIT);

    @Test
    void nothingRequestedMeansHead() {
        assertThat(Revisions.requested(null)).isEqualTo("HEAD");
        assertThat(Revisions.requested(" ")).isEqualTo("HEAD");
        assertThat(Revisions.requested(" main ")).isEqualTo("main");
        assertThat(Revisions.resolveAdvertised(REFS, null)).contains(MAIN);
    }

    @Test
    void branchesAndTagsResolveToCommits() {
        assertThat(Revisions.resolveAdvertised(REFS, "release")).contains(RELEASE);
        assertThat(Revisions.resolveAdvertised(REFS, "refs/heads/release")).contains(RELEASE);
        assertThat(Revisions.resolveAdvertised(REFS, "light")).contains(RELEASE);
    }

    @Test
    void annotatedTagResolvesToItsCommitNotTheTagObject() {
        assertThat(Revisions.resolveAdvertised(REFS, "v1")).contains(TAGGED_COMMIT);
        assertThat(Revisions.resolveAdvertised(REFS, "refs/tags/v1")).contains(TAGGED_COMMIT);
    }

    @Test
    void fullShaIsItselfAndAbbreviatedOrUnknownCannotBeTold() {
        assertThat(Revisions.resolveAdvertised(REFS, "ABCDEF0123456789abcdef0123456789abcdef01".toLowerCase()))
                .contains("abcdef0123456789abcdef0123456789abcdef01");
        assertThat(Revisions.resolveAdvertised(REFS, "1111111")).isEmpty();
        assertThat(Revisions.resolveAdvertised(REFS, "no-such-branch")).isEmpty();
    }
}
