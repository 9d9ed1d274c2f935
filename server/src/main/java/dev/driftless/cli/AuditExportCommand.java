package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code driftless audit export}: the audit log as JSON lines, through a running service's API. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the audit log as JSON lines, oldest first, through the API of a running service",
                "(GET /api/audit/export, so the token's permissions apply). Each line holds the entry and its",
                "previousHash and hash, so a compliance tool can re-verify the chain (see docs/audit.md)."})
final class AuditExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only entries at or after TIME (ISO-8601, e.g. 2025-03-01T00:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only entries before TIME (ISO-8601).")
    String until;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write to FILE, replaced only once the export is complete; standard output when not given.")
    Path output;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        Instant from = time("--since", since);
        Instant to = time("--until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InputException("--since " + since + " must be before --until " + until);
        }
        return client.run(api -> {
            if (output == null) {
                OutputStream out = System.out;
                api.exportAudit(from, to, out);
                out.flush();
                return ExitCodes.OK;
            }
            Path partial = partialFile();
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    api.exportAudit(from, to, out);
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return ExitCodes.OK;
        });
    }

    /** Beside the output, so the finished export replaces it in one rename. */
    private Path partialFile() {
        try {
            return Files.createTempFile(output.toAbsolutePath().getParent(), ".audit-export", ".part");
        } catch (IOException e) {
            throw new InputException("--output " + output + ": cannot write beside it (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static Instant time(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(option + " " + text + ": expected an ISO-8601 time such as 2025-03-01T00:00:00Z");
        }
    }
}
