package dev.driftless.engine.render.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats SOPS stores documents in, chosen by file name as SOPS does. A binary file is stored as a JSON
 * document whose {@code data} key holds the content.
 */
public enum SopsFormat {
    YAML("mac: ENC["),
    JSON("\"mac\": \"ENC["),
    DOTENV("sops_mac=ENC["),
    BINARY("\"mac\": \"ENC[");

    /** What each format's encrypted MAC looks like in a file: a cheap test before any parsing, as Flux does. */
    private final String marker;

    SopsFormat(String marker) {
        this.marker = marker;
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
        return new String(content, StandardCharsets.ISO_8859_1).contains(marker);
    }
}
