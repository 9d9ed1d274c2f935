package dev.driftless.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The bytes hashed, as docs/audit.md tells a compliance tool to rebuild them. */
class AuditChainTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00.123456Z");
    private static final String PREVIOUS = "0f".repeat(32);

    @Test
    void theHashIsSha256OfThePreviousHashAndEachFieldLengthPrefixed() throws Exception {
        AuditEntry entry = new AuditEntry("user:alice", "sync", null, "10.0.0.7", "ok", "déployé");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(HexFormat.of().parseHex(PREVIOUS));
        field(bytes, "2025-03-01T10:00:00.123456Z");
        field(bytes, "user:alice");
        field(bytes, "sync");
        bytes.write(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        field(bytes, "10.0.0.7");
        field(bytes, "ok");
        field(bytes, "déployé");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));

        assertThat(AuditChain.hash(PREVIOUS, AT, entry)).isEqualTo(expected);
    }

    @Test
    void fieldBoundariesMatterAndAMissingApplicationIsNotAnEmptyOne() {
        String split = AuditChain.hash(PREVIOUS, AT, new AuditEntry("user:al", "icesync", "shop", "api", "ok", ""));
        String joined = AuditChain.hash(PREVIOUS, AT, new AuditEntry("user:alice", "sync", "shop", "api", "ok", ""));
        String missing = AuditChain.hash(PREVIOUS, AT, new AuditEntry("user:alice", "sync", null, "api", "ok", ""));
        String empty = AuditChain.hash(PREVIOUS, AT, new AuditEntry("user:alice", "sync", "", "api", "ok", ""));

        assertThat(split).isNotEqualTo(joined);
        assertThat(missing).isNotEqualTo(empty);
        assertThat(AuditChain.hash(AuditChain.GENESIS, AT, new AuditEntry("user:alice", "sync", "shop", "api", "ok",
                ""))).as("the previous hash is hashed too").isNotEqualTo(joined);
    }

    private static void field(ByteArrayOutputStream bytes, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int length = utf8.length;
        bytes.write(length >>> 24);
        bytes.write(length >>> 16);
        bytes.write(length >>> 8);
        bytes.write(length);
        bytes.writeBytes(utf8);
    }
}
