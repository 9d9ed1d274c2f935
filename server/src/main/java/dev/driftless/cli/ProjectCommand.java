package dev.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless project}: projects of a running service. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Projects of a running Driftless service: which repositories, destinations and kinds their "
                + "applications may use. Their SOPS keys are stored encrypted and never shown.",
        subcommands = {ProjectListCommand.class, ProjectGetCommand.class, ProjectCreateCommand.class,
                ProjectUpdateCommand.class, ProjectDeleteCommand.class})
final class ProjectCommand {
}
