package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.source.GitCredentials;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryUrlsTest {

    @Test
    void httpsSshAndScpSpellingsOfOneRepositoryAreTheSame() {
        String identity = RepositoryUrls.identity("https://github.com/acme/shop");
        assertThat(List.of("https://GitHub.com/acme/shop.git", "https://github.com:443/acme/shop/",
                "ssh://git@github.com/acme/shop.git", "ssh://git@github.com:22/acme/shop", "git@github.com:acme/shop.git",
                "http://github.com/acme/shop"))
                .allSatisfy(url -> assertThat(RepositoryUrls.identity(url)).isEqualTo(identity));
        assertThat(identity).isEqualTo("github.com/acme/shop");
    }

    @Test
    void differentRepositoriesPortsAndPathCaseStayDifferent() {
        assertThat(RepositoryUrls.sameRepository("https://github.com/acme/shop", "https://github.com/acme/shop-api")).isFalse();
        assertThat(RepositoryUrls.sameRepository("https://git.local:8443/acme/shop", "https://git.local/acme/shop")).isFalse();
        assertThat(RepositoryUrls.sameRepository("https://github.com/acme/shop", "https://github.com/Acme/shop")).isFalse();
    }

    @Test
    void localPathsAndFileUrlsOfOneDirectoryAreTheSame() {
        assertThat(RepositoryUrls.sameRepository("/srv/git/shop.git", "file:///srv/git/shop.git/")).isTrue();
        assertThat(RepositoryUrls.identity("/srv/git/shop.git")).isEqualTo("file:/srv/git/shop");
    }

    @Test
    void aUrlWithoutHostIsRejectedByName() {
        assertThatThrownBy(() -> RepositoryUrls.identity("https:///acme/shop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https:///acme/shop")
                .hasMessageContaining("no host");
    }

    @Test
    void theLongestMatchingPrefixGivesTheCredentials() {
        GitCredentials org = new GitCredentials.Token("org-token");
        GitCredentials repo = new GitCredentials.Basic("bot", "repo-password");
        List<RepositorySpec> repositories = List.of(new RepositorySpec("https://github.com/acme/", org),
                new RepositorySpec("https://github.com/acme/shop", repo));

        assertThat(RepositoryCredentials.forUrl(repositories, "https://github.com/acme/shop.git")).isSameAs(repo);
        assertThat(RepositoryCredentials.forUrl(repositories, "https://github.com/acme/billing")).isSameAs(org);
        assertThat(RepositoryCredentials.forUrl(repositories, "https://gitlab.com/acme/shop"))
                .isInstanceOf(GitCredentials.None.class);
    }
}
