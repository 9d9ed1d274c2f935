package dev.driftless.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Encrypts credentials before they reach the database: AES-256-GCM with a random nonce per value, and the value's
 * place in the store (say {@code cluster/prod/kubeconfig}) as associated data, so a ciphertext copied to another
 * row does not decrypt either. A wrong key fails the GCM tag check: it is reported, never turned into garbage.
 */
final class SecretBox {

    static final String KEY_FILE = "encryption.key";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte FORMAT = 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final String origin;

    private SecretBox(byte[] key, String origin) {
        this.key = new SecretKeySpec(key, "AES");
        this.origin = origin;
    }

    /**
     * The key from {@value StoreSettings#KEY_VARIABLE} when set, else from the data directory's key file, which is
     * created (readable by its owner only) on first use.
     */
    static SecretBox load(Map<String, String> environment, Path dataDir) {
        String fromEnvironment = environment.get(StoreSettings.KEY_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String origin = "environment variable " + StoreSettings.KEY_VARIABLE;
            return new SecretBox(decodeKey(fromEnvironment, origin), origin);
        }
        Path file = dataDir.resolve(KEY_FILE);
        String origin = "key file " + file;
        try {
            if (Files.notExists(file)) {
                createKeyFile(file);
            }
            return new SecretBox(decodeKey(Files.readString(file), origin), origin);
        } catch (IOException e) {
            throw new StoreException("cannot read or create the encryption " + origin + ": " + e.getMessage(), e);
        }
    }

    /** A fresh random key, base64-encoded as {@value StoreSettings#KEY_VARIABLE} expects. */
    static String generateKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void createKeyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), KEY_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(partial, generateKey() + "\n");
            Files.move(partial, file);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another process created it first: theirs is the key.
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static byte[] decodeKey(String encoded, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new StoreException("the encryption key in " + origin + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new StoreException("the encryption key in " + origin + " must be " + KEY_BYTES
                    + " bytes encoded in base64 (e.g. from `openssl rand -base64 32`), not " + key.length + " bytes");
        }
        return key;
    }

    /** Where the key came from, for messages. */
    String origin() {
        return origin;
    }

    byte[] seal(String plaintext, String place) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, place);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot encrypt " + place + ": " + e.getMessage(), e);
        }
    }

    String open(byte[] sealed, String place) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new StoreException("cannot decrypt " + place + ": not a value this store encrypted");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), place);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new StoreException("cannot decrypt " + place + ": it was encrypted with another key than the one in "
                    + origin + " (or was altered)");
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot decrypt " + place + ": " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String place) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[" + origin + "]";
    }
}
