package dev.driftless.engine.render.sops;

import com.exceptionfactory.jagged.FileKey;
import com.exceptionfactory.jagged.RecipientStanza;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.bech32.Bech32;
import com.exceptionfactory.jagged.bech32.Bech32Address;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.pqc.crypto.xwing.XWingKEMExtractor;
import org.bouncycastle.pqc.crypto.xwing.XWingPrivateKeyParameters;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.Pack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A post-quantum age identity ({@code AGE-SECRET-KEY-PQ-1...}) reading {@code mlkem768x25519} stanzas, as age 1.3
 * writes them: the file key sealed with HPKE (RFC 9180) in base mode, KEM MLKEM768-X25519 (X-Wing), HKDF-SHA256
 * and ChaCha20-Poly1305, with info {@code age-encryption.org/mlkem768x25519}; the stanza's one argument is the KEM
 * encapsulation. Bouncy Castle's HPKE has no X-Wing KEM, so the RFC 9180 key schedule is written out here over
 * Bouncy Castle's X-Wing, HKDF and ChaCha20-Poly1305.
 */
final class HybridAgeIdentity implements RecipientStanzaReader {

    static final String PREFIX = "AGE-SECRET-KEY-PQ-1";

    private static final String HUMAN_READABLE_PART = "AGE-SECRET-KEY-PQ-";
    private static final String STANZA_TYPE = "mlkem768x25519";
    private static final byte[] INFO = "age-encryption.org/mlkem768x25519".getBytes(StandardCharsets.US_ASCII);
    private static final int SEED_BYTES = 32;
    private static final int ENCAPSULATION_BYTES = 1120;
    private static final int FILE_KEY_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    /** The KEM identifier of MLKEM768-X25519 (X-Wing) in the HPKE registry. */
    private static final short KEM_XWING = 0x647a;
    private static final byte[] SUITE_ID = Arrays.concatenate("HPKE".getBytes(StandardCharsets.US_ASCII),
            Pack.shortToBigEndian(KEM_XWING), Pack.shortToBigEndian(HPKE.kdf_HKDF_SHA256),
            Pack.shortToBigEndian(HPKE.aead_CHACHA20_POLY1305));
    private static final byte[] VERSION_LABEL = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);

    private final XWingPrivateKeyParameters privateKey;

    private HybridAgeIdentity(XWingPrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    static boolean isHybrid(String identity) {
        return identity.toUpperCase(Locale.ROOT).startsWith(HUMAN_READABLE_PART);
    }

    /**
     * Parses the Bech32 encoding of the 32-byte X-Wing seed.
     *
     * @throws IllegalArgumentException when the encoding, its prefix or its length is wrong; the message holds no key
     */
    static HybridAgeIdentity parse(String identity) {
        Bech32Address address;
        try {
            address = Bech32.getDecoder().decode(identity);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad Bech32 encoding");
        }
        if (!HUMAN_READABLE_PART.equalsIgnoreCase(address.getHumanReadablePart().toString())) {
            throw new IllegalArgumentException("not a post-quantum age identity");
        }
        byte[] seed = address.getData();
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("the key has " + seed.length + " bytes, not " + SEED_BYTES);
        }
        return new HybridAgeIdentity(new XWingPrivateKeyParameters(seed));
    }

    @Override
    public FileKey getFileKey(Iterable<RecipientStanza> stanzas) throws GeneralSecurityException {
        boolean sawStanza = false;
        for (RecipientStanza stanza : stanzas) {
            if (STANZA_TYPE.equals(stanza.getType())) {
                sawStanza = true;
                Optional<byte[]> fileKey = open(stanza);
                if (fileKey.isPresent()) {
                    return new FileKey(fileKey.get());
                }
            }
        }
        if (!sawStanza) {
            throw new UnsupportedRecipientStanzaException("no " + STANZA_TYPE + " stanza");
        }
        throw new GeneralSecurityException("no " + STANZA_TYPE + " stanza opens with this identity");
    }

    /** The file key, or empty when the stanza was sealed for another key. */
    private Optional<byte[]> open(RecipientStanza stanza) throws GeneralSecurityException {
        if (stanza.getArguments().size() != 1) {
            throw new GeneralSecurityException(STANZA_TYPE + " stanza with " + stanza.getArguments().size()
                    + " arguments, not 1");
        }
        if (stanza.getBody().length != FILE_KEY_BYTES + TAG_BYTES) {
            throw new GeneralSecurityException(STANZA_TYPE + " stanza body of " + stanza.getBody().length
                    + " bytes, not " + (FILE_KEY_BYTES + TAG_BYTES));
        }
        byte[] encapsulation;
        try {
            encapsulation = Base64.getDecoder().decode(stanza.getArguments().get(0));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(STANZA_TYPE + " stanza argument is not base64");
        }
        if (encapsulation.length != ENCAPSULATION_BYTES) {
            throw new GeneralSecurityException(STANZA_TYPE + " encapsulation of " + encapsulation.length
                    + " bytes, not " + ENCAPSULATION_BYTES);
        }
        // X-Wing rejects implicitly: a wrong key gives a wrong secret, which the AEAD tag then refuses.
        byte[] sharedSecret = new XWingKEMExtractor(privateKey).extractSecret(encapsulation);
        return unseal(sharedSecret, stanza.getBody());
    }

    /** RFC 9180 section 5.1 key schedule in base mode (no PSK), then the first message (sequence number 0). */
    private static Optional<byte[]> unseal(byte[] sharedSecret, byte[] sealed) {
        byte[] pskIdHash = labeledExtract(new byte[0], "psk_id_hash", new byte[0]);
        byte[] infoHash = labeledExtract(new byte[0], "info_hash", INFO);
        byte[] context = Arrays.concatenate(new byte[] {HPKE.mode_base}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(sharedSecret, "secret", new byte[0]);
        byte[] key = labeledExpand(secret, "key", context, KEY_BYTES);
        byte[] nonce = labeledExpand(secret, "base_nonce", context, NONCE_BYTES);
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] plain = new byte[cipher.getOutputSize(sealed.length)];
        try {
            int length = cipher.processBytes(sealed, 0, sealed.length, plain, 0);
            cipher.doFinal(plain, length);
            return Optional.of(plain);
        } catch (InvalidCipherTextException e) {
            return Optional.empty();
        }
    }

    private static byte[] labeledExtract(byte[] salt, String label, byte[] inputKeyMaterial) {
        byte[] labeled = Arrays.concatenate(VERSION_LABEL, SUITE_ID, ascii(label), inputKeyMaterial);
        return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, labeled);
    }

    private static byte[] labeledExpand(byte[] pseudoRandomKey, String label, byte[] info, int length) {
        byte[] labeledInfo = Arrays.concatenate(new byte[][] {
                Pack.shortToBigEndian((short) length), VERSION_LABEL, SUITE_ID, ascii(label), info});
        HKDFBytesGenerator expander = new HKDFBytesGenerator(new SHA256Digest());
        expander.init(HKDFParameters.skipExtractParameters(pseudoRandomKey, labeledInfo));
        byte[] out = new byte[length];
        expander.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
