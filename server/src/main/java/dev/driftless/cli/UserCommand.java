package dev.driftless.cli;

import dev.driftless.client.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless user}: local users, for administrators. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Local users of a running Driftless service (needs the accounts permissions).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
final class UserCommand {

    /** {@code driftless user create NAME}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user; the password is typed at the console or read from standard input.")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input.")
        boolean passwordStdin;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            String password = Passwords.read(passwordStdin, "Password for " + name).getFirst();
            return client.run(api -> {
                api.createUser(name, password);
                spec.commandLine().getOut().println("user " + name + " created");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code driftless user list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List local users.")
    static final class ListUsers implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions client;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            return client.run(api -> {
                List<User> users = api.listUsers();
                PrintWriter out = spec.commandLine().getOut();
                if (output.machineReadable()) {
                    ClientOptions.print(out, output, users);
                } else {
                    Table table = new Table("NAME", "CREATED");
                    users.forEach(user -> table.row(user.name(), ClientOptions.cell(user.createdAt())));
                    table.print(out);
                }
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code driftless user delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user and end its sessions.")
    static final class Delete implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            return client.run(api -> {
                api.deleteUser(name);
                spec.commandLine().getOut().println("user " + name + " deleted");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }
}
