package dev.driftless.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer tokens the REST API accepts, each naming the user who holds it. Only SHA-256 hashes of the tokens are
 * kept, so a token file or a heap dump does not give a token away; a presented token is hashed and compared with
 * every known hash in constant time.
 */
public final class ApiTokens {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final List<Holder> holders;

    private record Holder(byte[] hash, String user) {
    }

    private ApiTokens(List<Holder> holders) {
        this.holders = holders;
    }

    /**
     * @param usersByTokenHash the lower-case hex SHA-256 of each token (see {@link #hash}) and the user it stands
     *                         for, e.g. {@code admin}
     */
    public static ApiTokens ofHashes(Map<String, String> usersByTokenHash) {
        return new ApiTokens(usersByTokenHash.entrySet().stream().map(entry -> {
            if (!SHA256_HEX.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("API token hash of user " + entry.getValue()
                        + ": expected 64 lower-case hex digits (SHA-256)");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new IllegalArgumentException("API token hash: the user name is empty");
            }
            return new Holder(HexFormat.of().parseHex(entry.getKey()), entry.getValue());
        }).toList());
    }

    /** The lower-case hex SHA-256 of a token's UTF-8 bytes: what a token file stores. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** The user holding {@code token}, or empty when no known token matches. */
    public Optional<String> userOf(String token) {
        Objects.requireNonNull(token, "token");
        byte[] presented = sha256(token);
        String user = null;
        // Every hash is compared, whatever matched before, so the time taken says nothing about which one matched.
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.hash(), presented)) {
                user = holder.user();
            }
        }
        return Optional.ofNullable(user);
    }

    @Override
    public String toString() {
        return "ApiTokens[" + holders.size() + " token(s)]";
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
