package dev.driftless.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftless} command. */
@Command(name = "driftless",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "GitOps for Kubernetes: render what Git says should run, show the drift, apply it, watch it become healthy.",
        subcommands = {RenderCommand.class, DiffCommand.class, SyncCommand.class, HealthCommand.class,
                ServeCommand.class, AppCommand.class, ClusterCommand.class, RepoCommand.class, ProjectCommand.class,
                EventsCommand.class, AuditCommand.class, LoginCommand.class, AccountCommand.class, UserCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success; for diff: everything is in sync",
                "1:diff: something is out of sync, missing or extraneous; sync: a resource failed or did not become healthy;"
                        + " audit verify: the chain is broken",
                "2:bad usage or bad input (options, files, manifests, render errors)",
                "3:Git or the cluster could not be reached, refused the request, or its kubeconfig is unusable"})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; the entry point tests use. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        var exitCodes = commandLine.getCommandSpec().usageMessage();
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage()
                .exitCodeListHeading(exitCodes.exitCodeListHeading())
                .exitCodeList(exitCodes.exitCodeList()));
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[]{"driftless " + (version == null ? "development build" : version)};
        }
    }
}
