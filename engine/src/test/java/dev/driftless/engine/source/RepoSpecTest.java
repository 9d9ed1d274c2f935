package dev.driftless.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSpecTest {

    @Test
    void passwordInUrlMovesIntoCredentialsAndNeverPrints() {
        RepoSpec spec = new RepoSpec("https://alice:Hunter2-secret@git.example.com/team/app.git", null);

        assertThat(spec.url()).isEqualTo("https://alice@git.example.com/team/app.git");
        assertThat(spec.credentials()).isEqualTo(new GitCredentials.Basic("alice", "Hunter2-secret"));
        assertThat(spec.toString()).doesNotContain("Hunter2-secret").contains("alice@git.example.com");
    }

    @Test
    void percentEncodedPasswordIsDecoded() {
        RepoSpec spec = new RepoSpec("https://bob:p%40ss%2Bword@git.example.com/app", null);

        assertThat(spec.credentials()).isEqualTo(new GitCredentials.Basic("bob", "p@ss+word"));
    }

    @Test
    void unencodedAtSignInThePasswordIsStillHidden() {
        RepoSpec spec = new RepoSpec("https://carol:at@sign-secret@git.example.com/app.git", null);

        assertThat(spec.url()).isEqualTo("https://carol@git.example.com/app.git");
        assertThat(spec.credentials()).isEqualTo(new GitCredentials.Basic("carol", "at@sign-secret"));
    }

    @Test
    void toStringHidesTokensAndPasswords() {
        assertThat(new RepoSpec("https://h/r.git", new GitCredentials.Token("tok-very-secret")).toString())
                .doesNotContain("tok-very-secret");
        assertThat(new RepoSpec("https://h/r.git", new GitCredentials.Basic("u", "pw-very-secret")).toString())
                .doesNotContain("pw-very-secret");
        assertThat(new RepoSpec("ssh://git@h/r.git",
                new GitCredentials.SshKey(Path.of("/keys/id"), "phrase-very-secret", null, false)).toString())
                .doesNotContain("phrase-very-secret");
    }

    @Test
    void passwordInUrlAndSeparateCredentialsIsRefusedWithoutPrintingEither() {
        assertThatThrownBy(() -> new RepoSpec("https://u:url-secret@h/r.git", new GitCredentials.Token("tok-secret")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("https://u@h/r.git")
                .hasMessageNotContaining("url-secret")
                .hasMessageNotContaining("tok-secret");
    }

    @Test
    void sshKeyOnlyForSshUrls() {
        var key = new GitCredentials.SshKey(Path.of("/keys/id"), null, null, false);

        assertThat(new RepoSpec("git@github.com:org/repo.git", key).credentials()).isEqualTo(key);
        assertThat(new RepoSpec("ssh://git@github.com/org/repo.git", key).credentials()).isEqualTo(key);
        assertThatThrownBy(() -> new RepoSpec("https://github.com/org/repo.git", key))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("https://github.com/org/repo.git")
                .hasMessageContaining("not an SSH URL");
    }

    @Test
    void urlWithoutHostIsRefusedWhenItsMirrorIsNamed() {
        assertThatThrownBy(() -> RepoSpec.anonymous("https:///org/repo.git").mirrorName())
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("https:///org/repo.git")
                .hasMessageContaining("no host");
    }

    @Test
    void emptyUrlIsRefused() {
        assertThatThrownBy(() -> RepoSpec.anonymous("  ")).isInstanceOf(SourceException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void spellingsOfTheSameRepositoryShareOneMirror() {
        String name = RepoSpec.anonymous("https://github.com/org/repo.git").mirrorName();

        assertThat(RepoSpec.anonymous("https://GitHub.com/org/repo").mirrorName()).isEqualTo(name);
        assertThat(RepoSpec.anonymous("https://github.com/org/repo/").mirrorName()).isEqualTo(name);
        assertThat(new RepoSpec("https://u:p@github.com/org/repo.git", null).mirrorName()).isEqualTo(name);
        assertThat(RepoSpec.anonymous("https://github.com/org/other.git").mirrorName()).isNotEqualTo(name);
        assertThat(RepoSpec.anonymous("http://github.com/org/repo.git").mirrorName()).isNotEqualTo(name);
    }

    @Test
    void scpLikeAndSshUrlsShareOneMirror() {
        assertThat(RepoSpec.anonymous("git@github.com:org/repo.git").mirrorName())
                .isEqualTo(RepoSpec.anonymous("ssh://git@github.com/org/repo.git").mirrorName());
    }

    @Test
    void localPathAndFileUrlShareOneMirror(@TempDir Path dir) {
        Path repo = dir.resolve("repo.git");

        assertThat(RepoSpec.anonymous(repo.toString()).mirrorName())
                .isEqualTo(RepoSpec.anonymous(repo.toUri().toString()).mirrorName())
                .isEqualTo(RepoSpec.anonymous(dir.resolve("x/../repo.git/").toString()).mirrorName());
        assertThat(RepoSpec.anonymous(repo.toString()).mirrorName()).matches("[0-9a-f]{32}");
    }
}
