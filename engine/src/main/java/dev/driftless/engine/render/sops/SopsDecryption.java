package dev.driftless.engine.render.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.util.encoders.Hex;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decrypts a document's values in place and checks its MAC, as SOPS's tree walk does: values are visited in
 * document order, each path's keys decide whether it is encrypted, and the SHA-512 of the plaintext values (all of
 * them, or the encrypted ones with {@code mac_only_encrypted}) must equal the decrypted MAC.
 */
final class SopsDecryption {

    private final String file;
    private final SopsMetadata metadata;
    private final byte[] dataKey;
    private final MessageDigest mac;

    private SopsDecryption(String file, SopsMetadata metadata, byte[] dataKey) {
        this.file = file;
        this.metadata = metadata;
        this.dataKey = dataKey;
        try {
            this.mac = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-512", e);
        }
    }

    /** Decrypts the document's tree in place. */
    static void decrypt(String file, SopsDocument document, SopsKeys keys) {
        SopsMetadata metadata = SopsMetadata.of(file, document.metadata());
        SopsDecryption decryption = new SopsDecryption(file, metadata, DataKeys.recover(file, metadata, keys));
        decryption.walkObject(document.tree(), new ArrayList<>());
        decryption.verifyMac();
    }

    private void walkObject(ObjectNode object, List<String> path) {
        for (var entry : List.copyOf(object.properties())) {
            path.add(entry.getKey());
            object.set(entry.getKey(), walk(entry.getValue(), path));
            path.removeLast();
        }
    }

    /** SOPS gives list items the path of the list itself: no index is added. */
    private JsonNode walk(JsonNode node, List<String> path) {
        if (node instanceof ObjectNode object) {
            walkObject(object, path);
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i), path));
            }
            return array;
        }
        boolean encrypted = metadata.rules().encrypts(path);
        JsonNode value = encrypted ? decryptValue(node, path) : node;
        if (encrypted || !metadata.rules().macOnlyEncrypted()) {
            mac.update(macBytes(value));
        }
        return value;
    }

    private JsonNode decryptValue(JsonNode node, List<String> path) {
        String where = String.join(".", path);
        if (node.isTextual() && node.asText().isEmpty()) {
            return node;
        }
        EncryptedValue value = EncryptedValue.parse(node.isTextual() ? node.asText() : "")
                .orElseThrow(() -> new SopsException(file + ": the value at " + where
                        + " should be encrypted but is not a well-formed ENC[AES256_GCM,...] value"));
        byte[] plaintext;
        try {
            plaintext = value.decrypt(dataKey, String.join(":", path) + ":");
        } catch (GeneralSecurityException e) {
            throw new SopsException(file + ": the value at " + where + " does not decrypt with the file's data key:"
                    + " it was altered, or moved from another path or file");
        }
        return typed(plaintext, value.type(), where);
    }

    private JsonNode typed(byte[] plaintext, String type, String where) {
        String text = new String(plaintext, StandardCharsets.UTF_8);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case "str", "bytes", "comment" -> nodes.textNode(text);
                case "int" -> nodes.numberNode(Long.parseLong(text));
                case "float" -> nodes.numberNode(Double.parseDouble(text));
                case "bool" -> nodes.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
                default -> throw new SopsException(file + ": the value at " + where + " has the unknown type '"
                        + type + "'");
            };
        } catch (NumberFormatException e) {
            throw new SopsException(file + ": the value at " + where + " is typed " + type
                    + " but its plaintext is not one");
        }
    }

    /** The bytes SOPS hashes for a value: Go's formatting of its type, booleans as Python writes them. */
    private static byte[] macBytes(JsonNode value) {
        String text;
        if (value.isBoolean()) {
            text = value.booleanValue() ? "True" : "False";
        } else if (value.isFloatingPointNumber()) {
            text = new BigDecimal(Double.toString(value.doubleValue())).stripTrailingZeros().toPlainString();
        } else if (value.isNull()) {
            text = "";
        } else {
            text = value.asText();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void verifyMac() {
        EncryptedValue encrypted = EncryptedValue.parse(metadata.mac())
                .orElseThrow(() -> new SopsException(file + ": sops.mac is not a well-formed ENC[AES256_GCM,...] value"));
        String expected;
        try {
            expected = new String(encrypted.decrypt(dataKey, metadata.lastModified()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SopsException(file + ": MAC mismatch: sops.mac does not decrypt (the MAC or sops.lastmodified"
                    + " was altered); the file is refused");
        }
        String computed = Hex.toHexString(mac.digest()).toUpperCase(Locale.ROOT);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                computed.getBytes(StandardCharsets.US_ASCII))) {
            throw new SopsException(file + ": MAC mismatch: the file's values are not those it was encrypted with"
                    + " (a value was altered, added or removed); the file is refused");
        }
    }
}
