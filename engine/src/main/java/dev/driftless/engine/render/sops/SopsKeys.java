package dev.driftless.engine.render.sops;

import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The private keys that SOPS files may be decrypted with: age identities, X25519 ({@code AGE-SECRET-KEY-1...}) or
 * post-quantum ({@code AGE-SECRET-KEY-PQ-1...}), and armored OpenPGP private keys without a passphrase. Each key is checked when the record is made, so that a bad key
 * is reported where it was given rather than when a file first needs it. {@link #toString()} shows counts only.
 *
 * @param ageIdentities  age identities, one per element
 * @param pgpPrivateKeys armored OpenPGP private key blocks, one or more keys per element
 */
public record SopsKeys(List<String> ageIdentities, List<String> pgpPrivateKeys) {

    /** No keys: an encrypted file fails the render. */
    public static final SopsKeys NONE = new SopsKeys(List.of(), List.of());

    private static final String AGE_IDENTITY_PREFIX = "AGE-SECRET-KEY-1";

    public SopsKeys {
        ageIdentities = List.copyOf(ageIdentities);
        pgpPrivateKeys = List.copyOf(pgpPrivateKeys);
        for (int i = 0; i < ageIdentities.size(); i++) {
            checkAgeIdentity(ageIdentities.get(i), "age identity " + (i + 1));
        }
        for (int i = 0; i < pgpPrivateKeys.size(); i++) {
            pgpKeyRings(pgpPrivateKeys.get(i), "PGP private key " + (i + 1));
        }
    }

    /**
     * Reads key files: age key files as {@code age-keygen} writes them (comment lines, then one identity a line) and
     * armored PGP private key files (as {@code gpg --export-secret-keys --armor} writes them).
     *
     * @throws SopsException naming the file, and the line of an age file, that cannot be read or holds no valid key
     */
    public static SopsKeys fromFiles(List<Path> ageKeyFiles, List<Path> pgpKeyFiles) {
        List<String> identities = new ArrayList<>();
        for (Path file : ageKeyFiles) {
            identities.addAll(ageIdentities(file));
        }
        List<String> pgpKeys = new ArrayList<>();
        for (Path file : pgpKeyFiles) {
            String armored = read(file, "PGP key file");
            pgpKeyRings(armored, "PGP key file " + file);
            pgpKeys.add(armored);
        }
        return new SopsKeys(identities, pgpKeys);
    }

    /**
     * Keys given as text, as a project holds them: an age key file's content and armored PGP private key blocks.
     *
     * @param where names the holder in errors, e.g. {@code project team-a}
     * @throws SopsException naming {@code where}, and the line of the age text, when a key is not valid
     */
    public static SopsKeys fromText(String ageKeyText, String armoredPgpKeys, String where) {
        List<String> identities = ageKeyText.isBlank() ? List.of() : ageIdentitiesIn(ageKeyText, "age key of " + where);
        List<String> pgpKeys = armoredPgpKeys.isBlank() ? List.of() : List.of(armoredPgpKeys);
        pgpKeys.forEach(armored -> pgpKeyRings(armored, "PGP key of " + where));
        return new SopsKeys(identities, pgpKeys);
    }

    public boolean isEmpty() {
        return ageIdentities.isEmpty() && pgpPrivateKeys.isEmpty();
    }

    /** The secret key rings of the PGP keys, parsed. */
    List<PGPSecretKeyRingCollection> pgpKeyRings() {
        List<PGPSecretKeyRingCollection> rings = new ArrayList<>();
        for (int i = 0; i < pgpPrivateKeys.size(); i++) {
            rings.add(pgpKeyRings(pgpPrivateKeys.get(i), "PGP private key " + (i + 1)));
        }
        return rings;
    }

    @Override
    public String toString() {
        return "SopsKeys[" + ageIdentities.size() + " age identities, " + pgpPrivateKeys.size() + " PGP keys]";
    }

    private static List<String> ageIdentities(Path file) {
        return ageIdentitiesIn(read(file, "age key file"), "age key file " + file);
    }

    /** The identities of an age key file's text: comment lines, then one identity a line. */
    private static List<String> ageIdentitiesIn(String text, String where) {
        List<String> identities = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                checkAgeIdentity(line, where + " line " + (i + 1));
                identities.add(line);
            }
        }
        if (identities.isEmpty()) {
            throw new SopsException(where + " holds no identity (AGE-SECRET-KEY-1... or "
                    + HybridAgeIdentity.PREFIX + "...)");
        }
        return identities;
    }

    private static void checkAgeIdentity(String identity, String where) {
        if (HybridAgeIdentity.isHybrid(identity)) {
            try {
                HybridAgeIdentity.parse(identity);
            } catch (IllegalArgumentException e) {
                throw new SopsException(where + ": not a valid post-quantum age identity (" + e.getMessage() + ")");
            }
            return;
        }
        if (!identity.startsWith(AGE_IDENTITY_PREFIX)) {
            throw new SopsException(where + ": not an age identity: it must start with " + AGE_IDENTITY_PREFIX
                    + " or " + HybridAgeIdentity.PREFIX);
        }
        try {
            X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SopsException(where + ": not a valid age X25519 identity (bad Bech32 encoding or length)");
        }
    }

    private static PGPSecretKeyRingCollection pgpKeyRings(String armored, String where) {
        PGPSecretKeyRingCollection rings;
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new SopsException(where + ": not an OpenPGP private key block (armored or binary)");
        }
        if (rings.size() == 0) {
            throw new SopsException(where + ": holds no OpenPGP private key");
        }
        rings.getKeyRings().forEachRemaining(ring -> ring.getSecretKeys().forEachRemaining(key -> {
            if (!key.isPrivateKeyEmpty() && key.getKeyEncryptionAlgorithm() != SymmetricKeyAlgorithmTags.NULL) {
                throw new SopsException(where + ": key " + fingerprint(key)
                        + " is protected by a passphrase; give the key without one");
            }
        }));
        return rings;
    }

    static String fingerprint(PGPSecretKey key) {
        return Hex.toHexString(key.getPublicKey().getFingerprint())
                .toUpperCase(Locale.ROOT);
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SopsException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new SopsException(what + " " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }
}
