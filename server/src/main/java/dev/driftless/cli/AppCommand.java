package dev.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless app}: applications held by a running service. */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Applications of a running Driftless service (see --server and --token-file of each command).",
        subcommands = {AppListCommand.class, AppGetCommand.class, AppCreateCommand.class, AppDeleteCommand.class,
                AppSyncCommand.class, AppDiffCommand.class, AppHistoryCommand.class, AppRollbackCommand.class,
                AppWaitCommand.class, AppRefreshCommand.class, AppUpdateCommand.class})
final class AppCommand {
}
