package dev.driftless.engine.render.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file formats SOPS stores documents in, chosen by file name as SOPS does. A binary file is stored as a JSON
 * document whose {@code data} key holds the content.
 */
public enum SopsFormat {
    YAML("mac:\\s*[\"']?ENC\\[AES256_GCM,"),
    JSON("\"mac\"\\s*:\\s*\"ENC\\[AES256_GCM,"),
    DOTENV("(?m)^sops_mac=ENC\\[AES256_GCM,"),
    BINARY("\"mac\"\\s*:\\s*\"ENC\\[AES256_GCM,");

    /**
     * What each format's encrypted MAC looks like in a file, however the file was re-formatted: a cheap test
     * before any parsing, as Flux makes.
     */
    private final Pattern marker;

    SopsFormat(String marker) {
        this.marker = Pattern.compile(marker);
    }

    /** The format SOPS gives a file of this name: {@code .yaml}, {@code .yml}, {@code .json}, {@code .env}, else binary. */
    public static SopsFormat forFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".env")) {
            return DOTENV;
        }
        return BINARY;
    }

    /**
     * The format a SOPS document is stored in, when the content holds an encrypted MAC: the format named by the
     * file name when its marker is there, else the first format whose marker is (a SOPS JSON document in a
     * {@code .txt} file, or in a Secret's value).
     */
    public static Optional<SopsFormat> storedFormat(SopsFormat named, byte[] content) {
        if (named.marks(content)) {
            return Optional.of(named);
        }
        return Arrays.stream(values()).filter(format -> format.marks(content)).findFirst();
    }

    private boolean marks(byte[] content) {
        return marker.matcher(new String(content, StandardCharsets.ISO_8859_1)).find();
    }
}
