package dev.driftless.engine.render.sops;

import java.util.Optional;

/**
 * Decrypts SOPS files (format 3.x) with age and PGP keys. A file is taken for a SOPS document when it holds the
 * encrypted MAC of a SOPS format ({@link SopsFormat#storedFormat}); the decrypted content is written in the format
 * its name gives, so that a SOPS JSON document stored in {@code file.txt} yields the original bytes, as Flux and
 * {@code sops --decrypt} do.
 */
public final class Sops {

    private Sops() {
    }

    /** Whether the content is a SOPS document that {@link #decrypt} must decrypt before it is used. */
    public static boolean isEncrypted(String fileName, byte[] content) {
        return SopsFormat.storedFormat(SopsFormat.forFileName(fileName), content).isPresent();
    }

    /**
     * @param fileName the file's name, which gives its format; for a Secret's value, the value's key
     * @param shownAs  names the file in messages
     * @return the plaintext content in the format of the file's name, or the content unchanged when it is not a
     *         SOPS document
     * @throws SopsException when no key held decrypts it, the MAC does not verify, or a value is malformed
     */
    public static byte[] decrypt(String fileName, String shownAs, byte[] content, SopsKeys keys) {
        SopsFormat output = SopsFormat.forFileName(fileName);
        Optional<SopsFormat> stored = SopsFormat.storedFormat(output, content);
        if (stored.isEmpty()) {
            return content;
        }
        SopsDocument document = SopsDocument.read(shownAs, stored.get(), content);
        SopsDecryption.decrypt(shownAs, document, keys);
        return SopsDocument.write(shownAs, output, document.tree());
    }
}
