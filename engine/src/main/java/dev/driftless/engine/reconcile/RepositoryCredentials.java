package dev.driftless.engine.reconcile;

import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.source.GitCredentials;

import java.util.Comparator;
import java.util.List;

/** Picks the credentials of a repository URL among the declared ones: the longest matching URL prefix wins. Pure. */
public final class RepositoryCredentials {

    private RepositoryCredentials() {
    }

    public static GitCredentials forUrl(List<RepositorySpec> repositories, String url) {
        return repositories.stream()
                .filter(repository -> url.startsWith(repository.urlPrefix()))
                .max(Comparator.comparingInt(repository -> repository.urlPrefix().length()))
                .map(RepositorySpec::credentials)
                .orElseGet(GitCredentials.None::new);
    }
}
