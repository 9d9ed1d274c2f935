package dev.driftless.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), so the
 * parameters and the salt travel with the hash and can be raised later without invalidating stored hashes. The
 * default parameters are OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
 */
public final class PasswordHash {

    /** The shortest password accepted for a local user. */
    public static final int MIN_LENGTH = 8;

    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final Pattern ENCODED = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    /** Checked against when the user does not exist, so that the answer takes as long as for a wrong password. */
    private static final String DECOY = hash("decoy password for unknown users");

    private PasswordHash() {
    }

    /** A new salted hash of {@code password}. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code encoded}, compared in constant time.
     *
     * @throws IllegalArgumentException when {@code encoded} is not an Argon2id hash of this format
     */
    public static boolean matches(String password, String encoded) {
        Matcher parts = ENCODED.matcher(encoded);
        if (!parts.matches()) {
            throw new IllegalArgumentException("the stored password hash is not an Argon2id hash in PHC format");
        }
        byte[] expected = DECODER.decode(parts.group(5));
        byte[] actual = derive(password, DECODER.decode(parts.group(4)), Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one check and answers false: for a user name that does not exist. */
    public static boolean matchesNothing(String password) {
        matches(password, DECOY);
        return false;
    }

    /** @throws IllegalArgumentException naming {@code field} when the password is too short */
    public static void checkAcceptable(String password, String field) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(field + ": at least " + MIN_LENGTH + " characters required");
        }
    }

    private static byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
