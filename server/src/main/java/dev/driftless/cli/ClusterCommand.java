package dev.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless cluster}: clusters a running service deploys to. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Clusters of a running Driftless service. Their credentials are stored encrypted and never shown.",
        subcommands = {ClusterListCommand.class, ClusterAddCommand.class, ClusterRemoveCommand.class})
final class ClusterCommand {
}
