package dev.driftless.cli;

import dev.driftless.client.ResourceDiff;
import dev.driftless.engine.diff.DiffFormatter;
import dev.driftless.engine.diff.SyncState;
import dev.driftless.engine.model.ResourceKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code driftless app diff NAME}: the drift the service sees, printed as {@code driftless diff} prints it. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the drift of an application between Git and its cluster, field by field (Secret values redacted).",
                "Exit code 0 when everything is in sync, 1 when anything is out of sync, missing or extraneous."})
final class AppDiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The application.")
    String name;

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        return client.run(api -> {
            List<ResourceDiff> diffs = api.diff(name);
            PrintWriter out = spec.commandLine().getOut();
            if (output.machineReadable()) {
                ClientOptions.print(out, output, diffs);
            } else {
                printText(out, diffs);
            }
            return diffs.stream().allMatch(ResourceDiff::inSync) ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        });
    }

    private static void printText(PrintWriter out, List<ResourceDiff> diffs) {
        List<dev.driftless.engine.diff.ResourceDiff> drifted = diffs.stream()
                .filter(diff -> !diff.inSync())
                .map(diff -> new dev.driftless.engine.diff.ResourceDiff(key(diff.key()), diff.state(), diff.fields()))
                .toList();
        out.print(DiffFormatter.text(drifted, false));
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        diffs.forEach(diff -> counts.merge(diff.state(), 1L, Long::sum));
        out.println(diffs.size() + " objects" + (counts.isEmpty() ? "" : ": ") + counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
        out.flush();
    }

    /**
     * Reads {@code group/Kind:namespace/name}. The group cannot hold a slash, the kind no colon and the namespace no
     * slash, while names can hold colons ({@code system:controller:...}), so the separators are found in that order.
     */
    static ResourceKey key(String text) {
        int slash = text.indexOf('/');
        int colon = text.indexOf(':', slash + 1);
        int secondSlash = colon < 0 ? -1 : text.indexOf('/', colon + 1);
        if (slash < 0 || colon < 0 || secondSlash < 0) {
            throw new IllegalArgumentException("resource key " + text + ": expected group/Kind:namespace/name");
        }
        return new ResourceKey(text.substring(0, slash), text.substring(slash + 1, colon),
                text.substring(colon + 1, secondSlash), text.substring(secondSlash + 1));
    }
}
