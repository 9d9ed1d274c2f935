package dev.driftless.cli;

import dev.driftless.client.ApiToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless account token}: API tokens, for pipelines and scripts. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "API tokens: acting as a project role (--project, --role) or as you; shown once when created.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    /** {@code driftless account token create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a token and print it once; keep it in a secret store.")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--project", paramLabel = "NAME", description = "Act as a role of this project.")
        String project;

        @Option(names = "--role", paramLabel = "NAME", description = "The project role (with --project).")
        String role;

        @Option(names = "--expires-in", paramLabel = "DURATION", description = "e.g. 24h or P90D; none by default.")
        String expiresIn;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the token is for.")
        String description;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            return client.run(api -> {
                ApiToken token = api.createToken(project, role, expiresIn, description);
                PrintWriter out = spec.commandLine().getOut();
                out.println(token.token());
                out.flush();
                PrintWriter err = spec.commandLine().getErr();
                err.println("token " + token.id() + " acts as " + token.subject() + "; it is shown only now");
                err.flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code driftless account token list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens, never their values.")
    static final class ListTokens implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions client;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            return client.run(api -> {
                List<ApiToken> tokens = api.listTokens();
                PrintWriter out = spec.commandLine().getOut();
                if (output.machineReadable()) {
                    ClientOptions.print(out, output, tokens);
                } else if (tokens.isEmpty()) {
                    out.println("no tokens");
                } else {
                    Table table = new Table("ID", "SUBJECT", "EXPIRES", "REVOKED", "CREATED BY", "DESCRIPTION");
                    tokens.forEach(token -> table.row(token.id(), token.subject(), ClientOptions.cell(token.expiresAt()),
                            token.revoked() ? "yes" : "no", token.createdBy(), ClientOptions.cell(token.description())));
                    table.print(out);
                }
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code driftless account token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token; it stops working at once.")
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The token's id, as listed.")
        String id;

        @Mixin
        ClientOptions client;

        @Override
        public Integer call() throws Exception {
            return client.run(api -> {
                api.revokeToken(id);
                spec.commandLine().getOut().println("token " + id + " revoked");
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }
}
