package dev.driftless.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The key/value sources of a ConfigMap or Secret generator, read as kustomize 4.5.4 reads them: env files first,
 * then literals, then files; a key may appear only once. Keys are not validated (kustomize 4.5.4 does not either).
 */
final class KeyValueSources {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private KeyValueSources() {
    }

    /** The generator's data, by key in sorted order; values are raw bytes (files may be binary). */
    static Map<String, byte[]> load(Kustomization kustomization, String where, ObjectNode args, FileLoader loader) {
        Map<String, byte[]> data = new TreeMap<>();
        List<String> envFiles = new ArrayList<>(strings(kustomization, where, args, "envs"));
        String legacyEnv = kustomization.text(where, args, "env");
        if (!legacyEnv.isEmpty()) {
            envFiles.add(legacyEnv);
        }
        for (String envFile : envFiles) {
            Path file = inside(kustomization, where + ".envs", envFile, loader);
            for (Map.Entry<String, String> pair : envPairs(kustomization, where + ".envs", envFile, read(
                    kustomization, where + ".envs", file, loader))) {
                put(kustomization, where, data, pair.getKey(), pair.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> literals = strings(kustomization, where, args, "literals");
        for (int i = 0; i < literals.size(); i++) {
            String literal = literals.get(i);
            int equals = literal.indexOf('=');
            if (equals <= 0) {
                throw kustomization.error(where + ".literals[" + i + "]", "invalid literal source, expected key=value");
            }
            put(kustomization, where, data, literal.substring(0, equals),
                    unquote(literal.substring(equals + 1)).getBytes(StandardCharsets.UTF_8));
        }
        for (String source : strings(kustomization, where, args, "files")) {
            int equals = source.indexOf('=');
            if (equals == 0) {
                throw kustomization.error(where + ".files", "missing key name for file path in '" + source + "'");
            }
            String key = equals < 0 ? baseName(source) : source.substring(0, equals);
            String path = equals < 0 ? source : source.substring(equals + 1);
            if (path.isEmpty() || path.contains("=")) {
                throw kustomization.error(where + ".files", "'" + source + "' must be a path or key=path");
            }
            put(kustomization, where, data, key, read(kustomization, where + ".files",
                    inside(kustomization, where + ".files", path, loader), loader));
        }
        return data;
    }

    /** The text of a value when it is valid UTF-8; kustomize puts other values in a ConfigMap's binaryData. */
    static Optional<String> asText(byte[] value) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses an env file: one {@code KEY=value} a line, leading whitespace ignored, blank lines and {@code #}
     * comments skipped (and, like kustomize, lines with an empty key), the value taken verbatim. kustomize reads a line without {@code =} from its own process
     * environment; Driftless refuses that, so a repository cannot copy the controller's environment into objects.
     * Messages never quote a line: it may hold a secret.
     */
    static List<Map.Entry<String, String>> envPairs(Kustomization kustomization, String where, String envFile, byte[] content) {
        String text = asText(content).orElseThrow(() -> kustomization.error(where, envFile
                + ": has bytes that are not UTF-8"));
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int number = 0; number < lines.length; number++) {
            String line = lines[number];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (number == 0 && line.startsWith(BYTE_ORDER_MARK)) {
                line = line.substring(1);
            }
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw kustomization.error(where, envFile + " line " + (number + 1)
                        + ": has no '='; reading values from the environment is not supported");
            }
            if (equals > 0) {
                pairs.add(Map.entry(line.substring(0, equals), line.substring(equals + 1)));
            }
        }
        return pairs;
    }

    /** Surrounding quotes are removed only when the same quote character opens and closes the value. */
    static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static void put(Kustomization kustomization, String where, Map<String, byte[]> data, String key,
                            byte[] value) {
        if (data.putIfAbsent(key, value) != null) {
            throw kustomization.error(where, "repeats the key '" + key + "'");
        }
    }

    /** Generator files must be inside the kustomization's own directory, as kustomize's load restrictor says. */
    private static Path inside(Kustomization kustomization, String where, String reference, FileLoader loader) {
        Path file = loader.resolve(kustomization.file(), where, reference);
        Path directory = loader.inside(kustomization.directory());
        if (!file.startsWith(directory)) {
            throw kustomization.error(where, "'" + reference + "' is outside the kustomization's directory "
                    + loader.describe(directory) + " (load restrictor)");
        }
        if (Files.isDirectory(file)) {
            throw kustomization.error(where, "'" + reference + "' is a directory, not a file");
        }
        return file;
    }

    private static byte[] read(Kustomization kustomization, String where, Path file, FileLoader loader) {
        try {
            return loader.readBytes(file);
        } catch (IOException e) {
            throw kustomization.error(where, "cannot read " + loader.describe(file) + ": " + e.getMessage());
        }
    }

    private static String baseName(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static List<String> strings(Kustomization kustomization, String where, ObjectNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw kustomization.error(where + "." + field, "must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw kustomization.error(where + "." + field, "must be a list of strings");
            }
            values.add(item.asText());
        }
        return values;
    }
}
