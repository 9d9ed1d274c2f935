package dev.driftless.kustomize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hash kustomize appends to generated ConfigMap and Secret names: the SHA-256 of a JSON document
 * holding the kind, data (and binaryData, or type and stringData for a Secret) as Go's {@code json.Marshal}
 * writes it, cut to ten hex digits with some digits swapped for letters so the suffix never looks like a number.
 *
 * <p>The document carries {@code "name": ""}: kustomize 4.5.4 looks the name up under a field literally called
 * {@code metadata/name}, never finds it, and so a name (and any prefix or suffix) never changes the hash.
 */
final class ContentHash {

    private static final ObjectMapper GO_JSON = new ObjectMapper();

    static {
        GO_JSON.getFactory().setCharacterEscapes(new GoEscapes());
    }

    private ContentHash() {
    }

    /** The ten-character suffix for a ConfigMap or Secret. */
    static String of(ObjectNode object) {
        String kind = object.path("kind").asText();
        ObjectNode encoded = JsonNodeFactory.instance.objectNode();
        encoded.put("kind", kind);
        encoded.put("name", "");
        encoded.set("data", valueOrEmpty(object.get("data")));
        switch (kind) {
            case "ConfigMap" -> copyIfMap(object, "binaryData", encoded);
            case "Secret" -> {
                encoded.set("type", valueOrEmpty(object.get("type")));
                copyIfMap(object, "stringData", encoded);
            }
            default -> throw new IllegalArgumentException("only ConfigMaps and Secrets get a content hash, not " + kind);
        }
        return suffix(sha256Hex(goJson(encoded)));
    }

    /** Go's {@code json.Marshal}: keys sorted, HTML characters and line separators escaped. */
    static byte[] goJson(JsonNode node) {
        try {
            return GO_JSON.writeValueAsString(sorted(node)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode for hashing", e);
        }
    }

    private static JsonNode valueOrEmpty(JsonNode value) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.textNode("");
        }
        return value;
    }

    private static void copyIfMap(ObjectNode from, String field, ObjectNode to) {
        if (from.get(field) instanceof ObjectNode map) {
            to.set(field, map);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(ContentHash::compareCodePoints);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                copy.set(name, sorted(object.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    /** Go sorts map keys by their UTF-8 bytes, which is code point order (not Java's UTF-16 order). */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String suffix(String hex) {
        StringBuilder encoded = new StringBuilder(10);
        for (char c : hex.substring(0, 10).toCharArray()) {
            encoded.append(switch (c) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> c;
            });
        }
        return encoded.toString();
    }

    /** The escapes of Go's encoding/json (as built into kustomize 4.5.4), with lowercase hex digits. */
    private static final class GoEscapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        GoEscapes() {
            for (int c = 0; c < 0x20; c++) {
                ascii[c] = ESCAPE_CUSTOM;
            }
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return switch (c) {
                case '\n' -> new SerializedString("\\n");
                case '\r' -> new SerializedString("\\r");
                case '\t' -> new SerializedString("\\t");
                case '<', '>', '&', 0x2028, 0x2029 -> unicode(c);
                default -> c < 0x20 ? unicode(c) : null;
            };
        }

        private static SerializedString unicode(int c) {
            return new SerializedString(String.format("\\u%04x", c));
        }
    }
}
