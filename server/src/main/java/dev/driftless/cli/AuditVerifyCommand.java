package dev.driftless.cli;

import dev.driftless.store.AuditVerification;
import dev.driftless.store.Store;
import dev.driftless.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code driftless audit verify}: checks the hash chain in the store itself, not through a service. */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the audit log's hash chain, reading the store directly as serve opens it (same",
                "--data-dir and --database-url; the key from " + StoreSettings.KEY_VARIABLE + " or the data",
                "directory, the password from " + StoreSettings.PASSWORD_VARIABLE + "). An H2 database in the data",
                "directory can be read only while serve is stopped; a running service answers GET /api/audit/verify.",
                "Exit 0 when the chain is intact, 1 with the first broken entry when it is not."})
final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.driftless",
            description = "Data directory of the service: its H2 database and encryption key (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "PostgreSQL URL, e.g. postgresql://user@host:5432/driftless; H2 in the data directory when not given.")
    String databaseUrl;

    @Override
    public Integer call() {
        AuditVerification verification;
        try (Store store = Store.open(StoreSettings.of(dataDir, databaseUrl))) {
            verification = store.events().verify();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(verification));
        out.flush();
        return verification.intact() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    static String describe(AuditVerification verification) {
        return verification.broken()
                .map(broken -> "audit log broken at entry " + broken.entry() + " ("
                        + broken.reason().name().toLowerCase(Locale.ROOT).replace('_', '-') + "): "
                        + broken.detail() + "; " + verification.checked() + " entries checked")
                .orElse("audit log intact: " + verification.checked() + " entries checked");
    }
}
