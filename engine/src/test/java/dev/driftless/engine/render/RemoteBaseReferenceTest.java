package dev.driftless.engine.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote base URL forms kustomize documents, split into repository, directory and ref. */
class RemoteBaseReferenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://host/org/repo.git//sub/dir?ref=v1.2.3 | https://host/org/repo.git      | sub/dir | v1.2.3",
            "https://host/org/repo//sub?ref=main           | https://host/org/repo          | sub     | main",
            "git::https://host/org/repo.git//sub?ref=main  | https://host/org/repo.git      | sub     | main",
            "ssh://git@host/org/repo.git//sub?ref=         | ssh://git@host/org/repo.git    | sub     | HEAD",
            "git@host:org/repo.git//sub?version=v2         | git@host:org/repo.git          | sub     | v2",
            "github.com/org/repo/sub/dir?ref=v1            | https://github.com/org/repo    | sub/dir | v1",
            "https://github.com/org/repo/sub               | https://github.com/org/repo    | sub     | HEAD",
            "git://127.0.0.1:9418/repo.git//base?ref=main  | git://127.0.0.1:9418/repo.git  | base    | main",
            "https://host/org/repo.git/sub/?ref=main       | https://host/org/repo.git      | sub     | main",
            "https://host/org/repo.git                     | https://host/org/repo.git      | ''      | HEAD",
    })
    void splitsRepositoryDirectoryAndRef(String reference, String repository, String path, String ref) {
        RemoteBaseReference parsed = RemoteBaseReference.parse(reference);

        assertThat(parsed.repository()).isEqualTo(repository);
        assertThat(parsed.path()).isEqualTo(path);
        assertThat(parsed.ref()).isEqualTo(ref);
        assertThat(parsed.timeout()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"45, 45", "45s, 45", "1m30s, 90", "1h, 3600"})
    void aTimeoutIsSecondsOrAGoDuration(String timeout, long seconds) {
        assertThat(RemoteBaseReference.parse("https://host/repo.git//base?timeout=" + timeout).timeout())
                .isEqualTo(Optional.of(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/local/path                                       | not a Git URL",
            "file:///srv/repo.git//base                        | not a Git URL",
            "https://host//base                                | names no repository",
            "https://host/repo.git//base?ref=a&version=b       | ref twice",
            "https://host/repo.git//base?submodules=true       | unsupported query parameter 'submodules'",
            "https://host/repo.git//base?timeout=soon          | timeout",
            "https://host/repo.git//base?timeout=0             | zero timeout",
            "https://host/repo.git//../etc                     | leaves the repository",
    })
    void badReferencesSayWhatIsWrong(String reference, String reason) {
        assertThatThrownBy(() -> RemoteBaseReference.parse(reference))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
