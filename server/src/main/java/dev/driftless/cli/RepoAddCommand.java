package dev.driftless.cli;

import dev.driftless.client.RepositoryInput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code driftless repo add URL}: credentials for every repository whose URL starts with URL. Secrets are read from
 * files, never from arguments. The Git token option is {@code --git-token-file}, as {@code --token-file} is the API token.
 */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store credentials for repositories whose URL starts with URL_PREFIX.",
                "Give --username with --password-file, or --git-token-file, or --ssh-key; none stores an anonymous entry."})
final class RepoAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL_PREFIX", description = "e.g. https://github.com/my-org/")
    String urlPrefix;

    @Option(names = "--username", description = "User name for HTTPS (with --password-file, or with a token where the host wants one).")
    String username;

    @ArgGroup(exclusive = true)
    Secret secret;

    static final class Secret {
        @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the HTTPS password.")
        Path passwordFile;

        @Option(names = "--git-token-file", paramLabel = "FILE", description = "File holding an HTTPS access token for Git.")
        Path tokenFile;

        @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for SSH repositories.")
        Path sshKey;
    }

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts entries the SSH server's key is checked against.")
    Path knownHosts;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        RepositoryInput input = input();
        return client.run(api -> {
            api.addRepository(input);
            PrintWriter out = spec.commandLine().getOut();
            out.println("credentials for " + urlPrefix + " added");
            out.flush();
            return ExitCodes.OK;
        });
    }

    private RepositoryInput input() {
        if (knownHosts != null && (secret == null || secret.sshKey == null)) {
            throw new InputException("--known-hosts goes with --ssh-key");
        }
        if (secret == null) {
            if (username != null) {
                throw new InputException("--username needs --password-file or --git-token-file");
            }
            return RepositoryInput.anonymous(urlPrefix);
        }
        if (secret.passwordFile != null) {
            if (username == null) {
                throw new InputException("--password-file needs --username");
            }
            return RepositoryInput.basic(urlPrefix, username, ClientOptions.readSecret(secret.passwordFile, "--password-file"));
        }
        if (secret.tokenFile != null) {
            return RepositoryInput.token(urlPrefix, username, ClientOptions.readSecret(secret.tokenFile, "--git-token-file"));
        }
        if (username != null) {
            throw new InputException("--username does not go with --ssh-key; put the user in the URL (git@host:...)");
        }
        String knownHostsContent = knownHosts == null ? null : ClientOptions.readSecret(knownHosts, "--known-hosts");
        return RepositoryInput.ssh(urlPrefix, ClientOptions.readSecret(secret.sshKey, "--ssh-key") + "\n", knownHostsContent);
    }
}
