package dev.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless audit}: the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit log: who did what, when, from where, with what result; every entry is chained to the"
                + " one before by hash.",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
final class AuditCommand {
}
