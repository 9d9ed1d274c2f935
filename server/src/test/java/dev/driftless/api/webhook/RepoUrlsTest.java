package dev.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepoUrlsTest {

    @Test
    void httpsSshAndScpFormsOfOneRepositoryAreTheSame() {
        assertThat(List.of(
                "https://github.com/binkkatal/sample_app.git",
                "https://github.com/binkkatal/sample_app",
                "https://github.com/Binkkatal/Sample_App/",
                "git@github.com:binkkatal/sample_app.git",
                "ssh://git@github.com:22/binkkatal/sample_app.git",
                "https://user:hunter2@github.com/binkkatal/sample_app.git"))
                .extracting(RepoUrls::normalise)
                .containsOnly("github.com/binkkatal/sample_app");
    }

    @Test
    void differentRepositoriesStayDifferent() {
        assertThat(RepoUrls.normalise("https://github.com/org/app.git"))
                .isNotEqualTo(RepoUrls.normalise("https://github.com/org/app-config.git"))
                .isNotEqualTo(RepoUrls.normalise("https://gitlab.com/org/app.git"));
    }

    @Test
    void aPushConcernsTheRepositoryWhicheverFormTheApplicationUses() {
        PushEvent push = new PushEvent(GitProvider.GITHUB,
                List.of("https://github.com/org/app.git", "git@github.com:org/app.git"),
                "refs/heads/main", "a".repeat(40), List.of(), false, "someone");

        assertThat(push.concerns("ssh://git@github.com/org/app")).isTrue();
        assertThat(push.concerns("https://github.com/org/other.git")).isFalse();
    }
}
