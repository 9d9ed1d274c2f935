package dev.driftless.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The SOPS key files a project document is sent with; their content goes in the request's write-only sops field. */
final class ProjectKeyOptions {

    @Option(names = "--sops-age-key-file", paramLabel = "FILE",
            description = "The project's age identities (AGE-SECRET-KEY-1... or AGE-SECRET-KEY-PQ-1...),"
                    + " as in an age key file.")
    Path ageKeyFile;

    @Option(names = "--sops-pgp-key-file", paramLabel = "FILE",
            description = "The project's armored PGP private keys.")
    Path pgpKeyFile;

    /** The document with a {@code sops} field holding the keys given; unchanged when none is given. */
    ObjectNode addTo(ObjectNode document) {
        if (ageKeyFile == null && pgpKeyFile == null) {
            return document;
        }
        ObjectNode sops = document.putObject("sops");
        if (ageKeyFile != null) {
            sops.put("ageKey", ClientOptions.readSecret(ageKeyFile, "--sops-age-key-file"));
        }
        if (pgpKeyFile != null) {
            sops.put("pgpKey", ClientOptions.readSecret(pgpKeyFile, "--sops-pgp-key-file"));
        }
        return document;
    }
}
