package dev.driftless.client;

/**
 * Credentials stored for repositories whose URL starts with {@code urlPrefix}; the secret itself is never returned.
 *
 * @param type {@code none}, {@code basic}, {@code token} or {@code ssh}
 */
public record Repository(String urlPrefix, String type, String username, String origin) {
}
