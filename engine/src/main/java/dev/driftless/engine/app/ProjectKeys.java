package dev.driftless.engine.app;

import dev.driftless.engine.render.sops.SopsException;
import dev.driftless.engine.render.sops.SopsKeys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's SOPS decryption keys: secret material, so {@code toString()} only counts them.
 *
 * @param ageIdentities  age identity lines as in an age key file ({@code AGE-SECRET-KEY-1...} or
 *                       {@code AGE-SECRET-KEY-PQ-1...}, comments allowed);
 *                       empty when none
 * @param pgpPrivateKeys armored PGP private key blocks, one after another; empty when none
 */
public record ProjectKeys(String ageIdentities, String pgpPrivateKeys) {

    private static final Pattern AGE_IDENTITY = Pattern.compile("(?m)^\\s*AGE-SECRET-KEY-(PQ-)?[0-9A-Z]+\\s*$");
    private static final Pattern PGP_BLOCK = Pattern.compile("-----BEGIN PGP PRIVATE KEY BLOCK-----");

    /**
     * @throws IllegalArgumentException when text is given that holds no age identity or no armored PGP private key,
     *                                  or a key that is not valid
     */
    public ProjectKeys {
        ageIdentities = ageIdentities == null ? "" : ageIdentities;
        pgpPrivateKeys = pgpPrivateKeys == null ? "" : pgpPrivateKeys;
        if (!ageIdentities.isBlank() && count(AGE_IDENTITY.matcher(ageIdentities)) == 0) {
            throw new IllegalArgumentException("the age key holds no identity line starting with AGE-SECRET-KEY-1");
        }
        if (!pgpPrivateKeys.isBlank() && count(PGP_BLOCK.matcher(pgpPrivateKeys)) == 0) {
            throw new IllegalArgumentException("the PGP key holds no '-----BEGIN PGP PRIVATE KEY BLOCK-----'");
        }
        try {
            SopsKeys.fromText(ageIdentities, pgpPrivateKeys, "the project");
        } catch (SopsException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public static ProjectKeys none() {
        return new ProjectKeys("", "");
    }

    public int ageIdentityCount() {
        return count(AGE_IDENTITY.matcher(ageIdentities));
    }

    public int pgpKeyCount() {
        return count(PGP_BLOCK.matcher(pgpPrivateKeys));
    }

    /** The keys as the SOPS decryption takes them. */
    public SopsKeys decryptionKeys() {
        return SopsKeys.fromText(ageIdentities, pgpPrivateKeys, "the project");
    }

    public boolean isEmpty() {
        return ageIdentities.isBlank() && pgpPrivateKeys.isBlank();
    }

    private static int count(Matcher matcher) {
        return (int) matcher.results().count();
    }

    @Override
    public String toString() {
        return "ProjectKeys[" + ageIdentityCount() + " age identities, " + pgpKeyCount() + " PGP keys]";
    }
}
