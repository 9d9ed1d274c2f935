package dev.driftless.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Constant-time checks of webhook signatures and tokens. */
final class Signatures {

    private Signatures() {
    }

    /** Whether {@code hexSignature} is the HMAC-SHA256 of {@code body} keyed with {@code secret}. */
    static boolean hmacSha256Matches(String secret, byte[] body, String hexSignature) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hexSignature.strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    /** Whether {@code given} equals {@code secret}; both are hashed first so that not even the length leaks. */
    static boolean tokenMatches(String secret, String given) {
        return MessageDigest.isEqual(sha256(secret), sha256(given));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", unavailable);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", unavailable);
        }
    }
}
