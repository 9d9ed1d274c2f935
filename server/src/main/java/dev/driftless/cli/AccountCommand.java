package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless account}: the signed-in user's password and API tokens. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Your own account: change your password, create, list and revoke API tokens.",
        subcommands = {AccountCommand.UpdatePassword.class, TokenCommand.class})
final class AccountCommand {

    /** {@code driftless account update-password}. */
    @Command(name = "update-password", mixinStandardHelpOptions = true,
            description = "Change your password: the current one, then the new one (twice at the console).")
    static final class UpdatePassword implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--password-stdin",
                description = "Read the current and the new password from the first two lines of standard input.")
        boolean passwordStdin;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            List<String> passwords = passwordStdin ? Passwords.read(true, "Current password", "New password")
                    : Passwords.read(false, "Current password", "New password", "New password again");
            if (passwords.size() == 3 && !passwords.get(1).equals(passwords.get(2))) {
                throw new InputException("the new passwords differ");
            }
            return client.run(api -> {
                api.changePassword(passwords.get(0), passwords.get(1));
                spec.commandLine().getOut().println("password changed");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }
}
