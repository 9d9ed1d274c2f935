package dev.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless repo}: repository credentials a running service matches by URL prefix. */
@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "Repository credentials of a running Driftless service, matched by URL prefix. Secrets are write-only.",
        subcommands = {RepoListCommand.class, RepoAddCommand.class, RepoRemoveCommand.class})
final class RepoCommand {
}
