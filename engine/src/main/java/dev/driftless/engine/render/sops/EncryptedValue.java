package dev.driftless.engine.render.sops;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value as SOPS encrypts it: {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]}, AES-256-GCM with
 * the path of the value as additional data.
 *
 * @param type the plaintext's type: {@code str}, {@code int}, {@code float}, {@code bool}, {@code bytes} or
 *             {@code comment}
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {

    private static final Pattern FORMAT = Pattern.compile(
            "^ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]*),iv:([A-Za-z0-9+/=]+),tag:([A-Za-z0-9+/=]+),type:(\\w+)]$");
    private static final int TAG_BITS = 128;

    /** The parsed value, or empty when the text is not in SOPS's format. */
    static Optional<EncryptedValue> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(new EncryptedValue(base64.decode(matcher.group(1)), base64.decode(matcher.group(2)),
                    base64.decode(matcher.group(3)), matcher.group(4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @throws GeneralSecurityException when the key, the additional data or the ciphertext is not the one the value
     *                                  was encrypted with
     */
    byte[] decrypt(byte[] dataKey, String additionalData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = new byte[data.length + tag.length];
        System.arraycopy(data, 0, sealed, 0, data.length);
        System.arraycopy(tag, 0, sealed, data.length, tag.length);
        return cipher.doFinal(sealed);
    }
}
