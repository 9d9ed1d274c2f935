package dev.driftless.config;

import dev.driftless.engine.source.GitSource;
import dev.driftless.engine.source.RepoSpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigFromGitTest {

    @TempDir
    Path temp;

    private Path repository;
    private Path kubeconfig;
    private GitSource git;

    @BeforeEach
    void setUp() throws IOException {
        repository = temp.resolve("config-repo");
        kubeconfig = temp.resolve("host/kubeconfig");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n");
        git = new GitSource(temp.resolve("cache"));
    }

    private String commit(String message, String clusterKubeconfig) throws IOException, GitAPIException {
        Files.createDirectories(repository.resolve("driftless/apps"));
        Files.writeString(repository.resolve("driftless/cluster.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Cluster
                metadata: {name: prod}
                spec: {kubeconfig: "%s"}
                """.formatted(clusterKubeconfig));
        Files.writeString(repository.resolve("driftless/apps/web.yaml"), """
                apiVersion: driftless.dev/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source: {repoURL: https://git.example.com/web.git, path: k8s}
                  destination: {cluster: prod}
                """);
        Files.writeString(repository.resolve("README.yaml"), "not: configuration\n");
        try (Git repo = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            repo.add().addFilepattern(".").call();
            return repo.commit().setMessage(message).setAuthor("Ops", "ops@example.com")
                    .setCommitter("Ops", "ops@example.com").call().name();
        }
    }

    @Test
    void loadsTheConfigurationInAPathOfARepository() throws IOException, GitAPIException {
        commit("configure", kubeconfig.toString());

        Configuration configuration = new ConfigLoader(name -> null)
                .loadFromGit(git, RepoSpec.anonymous(repository.toString()), "main", "driftless");

        assertThat(configuration.applications()).singleElement()
                .satisfies(application -> assertThat(application.name()).isEqualTo("web"));
        assertThat(configuration.clusters()).singleElement()
                .satisfies(cluster -> assertThat(cluster.kubeconfig()).isEqualTo(kubeconfig));
    }

    @Test
    void refusesRelativeFileReferencesBecauseTheCheckoutIsTemporary() throws IOException, GitAPIException {
        String sha = commit("configure", "kubeconfig");

        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(name -> null)
                .loadFromGit(git, RepoSpec.anonymous(repository.toString()), "main", "driftless"));

        assertThat(failure.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(repository + "@" + sha.substring(0, 7) + ":driftless/cluster.yaml");
            assertThat(error.path()).isEqualTo("spec.kubeconfig");
            assertThat(error.reason()).startsWith("must be an absolute path on the Driftless host");
        });
    }

    @Test
    void refusesAPathOutsideTheRepository() throws IOException, GitAPIException {
        commit("configure", kubeconfig.toString());

        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(name -> null)
                .loadFromGit(git, RepoSpec.anonymous(repository.toString()), "main", "../.."));

        assertThat(failure.errors()).singleElement()
                .satisfies(error -> assertThat(error.reason()).isEqualTo("the path leaves the repository"));
    }
}
