package dev.driftless.engine.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Replaces Secret values with stable markers before anything is compared, shown or stored.
 *
 * <p>A marker is {@code <redacted sha256:XXXXXXXXXXXX>}: a truncated HMAC-SHA256 of the value under a key drawn
 * at random once per process. Equal values give equal markers within a process, so a diff can still tell that a
 * value changed; without the key a marker cannot be brute-forced offline, and markers from different processes
 * never match.
 */
public final class Redaction {

    /** The annotation {@code kubectl apply} leaves on objects; on a Secret it holds the values in clear. */
    public static final String KUBECTL_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MARKER_HEX_DIGITS = 12;
    private static final SecretKeySpec KEY = randomKey();

    private Redaction() {
    }

    /** The marker for one value. */
    public static String marker(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(KEY);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return "<redacted sha256:" + HexFormat.of().formatHex(digest).substring(0, MARKER_HEX_DIGITS) + ">";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
        }
    }

    /** Whether an object is a core v1 Secret, whose values must never be shown. */
    public static boolean isSecret(JsonNode object) {
        return object != null && LastApplied.isSecret(object);
    }

    /**
     * A copy of an object that is safe to show: for a Secret, every {@code data} and {@code stringData} value and
     * the kubectl last-applied annotation become markers; other objects come back as an unchanged copy.
     */
    public static ObjectNode redact(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (!isSecret(copy)) {
            return copy;
        }
        redactValues(copy.get("data"));
        redactValues(copy.get("stringData"));
        redactValue(copy.path("metadata").path("annotations"), KUBECTL_LAST_APPLIED);
        return copy;
    }

    private static void redactValues(JsonNode values) {
        if (values instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                entry.setValue(TextNode.valueOf(marker(textOf(entry.getValue()))));
            }
        }
    }

    private static void redactValue(JsonNode object, String field) {
        if (object instanceof ObjectNode map && map.hasNonNull(field)) {
            map.put(field, marker(textOf(map.get(field))));
        }
    }

    private static String textOf(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, ALGORITHM);
    }
}
