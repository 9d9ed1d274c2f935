package dev.driftless.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How audit entries are chained: {@code hash = SHA-256(previous hash || canonical bytes)}, where the previous hash is
 * its 32 raw bytes and the canonical bytes are, in this order, the time ({@link Instant#toString()}, microseconds at
 * most), actor, action, application, source, result and message, each as a 4-byte big-endian length followed by its
 * UTF-8 bytes ({@code -1} and no bytes for a missing application). The id is not hashed: the chain itself orders the
 * entries, so a compliance tool can re-verify an export line by line.
 */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    public static String hash(String previousHash, Instant at, AuditEntry entry) {
        MessageDigest digest = sha256();
        digest.update(HEX.parseHex(previousHash));
        for (String field : new String[]{at.toString(), entry.actor(), entry.action(), entry.application(),
                entry.source(), entry.result(), entry.message()}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(field == null ? -1 : bytes.length).array());
            digest.update(bytes);
        }
        return HEX.formatHex(digest.digest());
    }

    /** The hash {@code event} should have, from its fields and its previous hash as stored. */
    public static String expectedHash(AuditEvent event) {
        return hash(event.previousHash(), event.at(), event.entry());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
