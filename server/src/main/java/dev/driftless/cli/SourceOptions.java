package dev.driftless.cli;

import dev.driftless.engine.reconcile.ApplicationSource;
import dev.driftless.engine.render.RenderOptions;
import dev.driftless.engine.render.sops.SopsException;
import dev.driftless.engine.render.sops.SopsKeys;
import dev.driftless.engine.source.GitCredentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options that say where the desired state comes from and how to render it. */
final class SourceOptions {

    static final String PASSWORD_ENV = "DRIFTLESS_GIT_PASSWORD";
    static final String TOKEN_ENV = "DRIFTLESS_GIT_TOKEN";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "URL",
            description = "Git repository: https://, ssh://, git@host:path, git:// or a local path.")
    String repo;

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "HEAD",
            description = "Branch, tag or commit SHA (default: ${DEFAULT-VALUE}).")
    String revision;

    @Option(names = "--local", paramLabel = "DIR",
            description = "Use this working tree as it is on disk instead of a repository.")
    Path local;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = ".",
            description = "The application's path inside the repository (default: the root).")
    String path;

    @Option(names = "--username", description = "User name for HTTPS basic authentication.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the HTTPS password (or set " + PASSWORD_ENV + ").")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding an HTTPS access token (or set " + TOKEN_ENV + ").")
    Path tokenFile;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for SSH repositories.")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file the SSH server's key is checked against (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--insecure-ignore-host-key",
            description = "Accept any SSH host key. Off by default; only for throw-away test servers.")
    boolean insecureIgnoreHostKey;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where repository mirrors are kept (default: ~/.driftless/repos).")
    Path cacheDir;

    @Option(names = "--sops-age-key-file", paramLabel = "FILE",
            description = "age identity file (as age-keygen writes it) to decrypt SOPS-encrypted files with (repeatable).")
    List<Path> sopsAgeKeyFiles = new ArrayList<>();

    @Option(names = "--sops-pgp-key-file", paramLabel = "FILE",
            description = "Armored PGP private key file, without passphrase, to decrypt SOPS-encrypted files with"
                    + " (repeatable).")
    List<Path> sopsPgpKeyFiles = new ArrayList<>();

    @ArgGroup(exclusive = false, heading = "%nDirectory rendering (the default):%n")
    DirectoryGroup directory = new DirectoryGroup();

    @Option(names = "--kustomize",
            description = "Build the path with Kustomize. Automatic when the path holds a kustomization file.")
    boolean kustomize;

    @Option(names = "--allow-remote-bases",
            description = "Build the path with Kustomize and fetch the remote bases it names (Git URLs, anonymously)."
                    + " Off by default.")
    boolean allowRemoteBases;

    @ArgGroup(exclusive = false, heading = "%nHelm rendering:%n")
    HelmGroup helm = new HelmGroup();

    @ArgGroup(exclusive = false, heading = "%nPlugin rendering:%n")
    PluginGroup plugin = new PluginGroup();

    static final class DirectoryGroup {
        @Option(names = "--recursive", description = "Read manifests in sub-directories too.")
        boolean recursive;

        @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching this glob (repeatable).")
        List<String> include = new ArrayList<>();

        @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files matching this glob (repeatable).")
        List<String> exclude = new ArrayList<>();
    }

    static final class HelmGroup {
        @Option(names = "--helm", description = "The path is a Helm chart.")
        boolean enabled;

        @Option(names = "--release-name", paramLabel = "NAME", description = "Helm release name (default: the application name).")
        String releaseName;

        @Option(names = "--values", paramLabel = "FILE", description = "Values file, relative to the chart, inside the repository (repeatable).")
        List<String> valueFiles = new ArrayList<>();

        @Option(names = "--values-inline", paramLabel = "YAML",
                description = "Values as a YAML document, applied after the values files and before --set.")
        String inlineValues;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set a chart value (repeatable).")
        Map<String, String> set = new LinkedHashMap<>();
    }

    static final class PluginGroup {
        @Option(names = "--plugin", paramLabel = "COMMAND",
                description = "Render by running COMMAND with sh -c in the application's path; it prints YAML.")
        String command;

        @Option(names = "--plugin-timeout", paramLabel = "SECONDS", defaultValue = "60",
                description = "Kill the plugin after this many seconds (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;
    }

    ApplicationSource toSource(String applicationName, String namespace) {
        if ((repo == null) == (local == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --repo URL or --local DIR");
        }
        RenderOptions render = renderOptions(applicationName, namespace);
        SopsKeys sopsKeys = sopsKeys();
        if (local != null) {
            if (!Files.isDirectory(local)) {
                throw new ParameterException(spec.commandLine(), "--local " + local + ": no such directory");
            }
            return new ApplicationSource.Local(local.toAbsolutePath().normalize(), path, render, sopsKeys);
        }
        return new ApplicationSource.Git(repo, revision, credentials(), path, render, sopsKeys);
    }

    private SopsKeys sopsKeys() {
        try {
            return SopsKeys.fromFiles(sopsAgeKeyFiles, sopsPgpKeyFiles);
        } catch (SopsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    Path cacheDir() {
        return cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".driftless", "repos");
    }

    private RenderOptions renderOptions(String applicationName, String namespace) {
        boolean kustomizeSelected = kustomize || allowRemoteBases;
        int renderers = (helm.enabled ? 1 : 0) + (plugin.command != null ? 1 : 0) + (kustomizeSelected ? 1 : 0);
        if (renderers > 1) {
            throw new ParameterException(spec.commandLine(),
                    "use only one of --helm, --plugin and --kustomize (or --allow-remote-bases)");
        }
        if (kustomizeSelected) {
            return new RenderOptions.Kustomize(allowRemoteBases);
        }
        if (helm.enabled) {
            String release = helm.releaseName != null ? helm.releaseName : applicationName;
            return new RenderOptions.Helm(release, namespace, helm.valueFiles, helm.inlineValues, helm.set);
        }
        if (plugin.command != null) {
            return new RenderOptions.Plugin(List.of("sh", "-c", plugin.command), Map.of(),
                    Duration.ofSeconds(plugin.timeoutSeconds));
        }
        return new RenderOptions.Directory(directory.recursive, directory.include, directory.exclude);
    }

    private GitCredentials credentials() {
        if (sshKey != null) {
            return new GitCredentials.SshKey(sshKey, null, knownHosts, insecureIgnoreHostKey);
        }
        String token = secret(tokenFile, TOKEN_ENV, "--token-file");
        if (token != null) {
            return new GitCredentials.Token(token);
        }
        String password = secret(passwordFile, PASSWORD_ENV, "--password-file");
        if (username != null || password != null) {
            if (username == null || password == null) {
                throw new ParameterException(spec.commandLine(),
                        "basic authentication needs both --username and a password (--password-file or " + PASSWORD_ENV + ")");
            }
            return new GitCredentials.Basic(username, password);
        }
        return new GitCredentials.None();
    }

    private String secret(Path file, String environmentVariable, String option) {
        if (file != null) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), option + ": cannot read " + file + ": " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment;
    }
}
