package dev.driftless.cli;

import dev.driftless.client.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code driftless events [--app NAME]}: the service's event and audit log, newest first. */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List what happened, newest first: syncs, drift, health changes and changes made through the",
                "API, with who or what did them."})
final class EventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--app", paramLabel = "NAME", description = "Only the events of this application.")
    String application;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the N newest events (default: ${DEFAULT-VALUE}).")
    int offset;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new InputException("--limit " + limit + ": must be at least 1");
        }
        if (offset < 0) {
            throw new InputException("--offset " + offset + ": must not be negative");
        }
        return client.run(api -> {
            List<Event> events = api.events(application, limit, offset);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, events);
                return ExitCodes.OK;
            }
            if (events.isEmpty()) {
                out.println(application == null ? "no events recorded" : "no events recorded for " + application);
            } else {
                Table table = new Table("TIME", "APPLICATION", "ACTION", "ACTOR", "MESSAGE");
                events.forEach(event -> table.row(ClientOptions.cell(event.time()), ClientOptions.cell(event.application()),
                        ClientOptions.cell(event.action()), ClientOptions.cell(event.actor()),
                        ClientOptions.cell(event.message() == null ? null : event.message().lines().findFirst().orElse(""))));
                table.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        });
    }
}
