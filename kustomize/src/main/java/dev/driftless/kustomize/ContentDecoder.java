package dev.driftless.kustomize;

import java.nio.file.Path;

/**
 * Turns the bytes of a file as stored in the tree into the bytes the build uses, e.g. decrypting a SOPS-encrypted
 * resource, patch or generator source. Every file the build reads passes through it, kustomization files included,
 * so a decoder returns content it has nothing to do with unchanged.
 */
@FunctionalInterface
public interface ContentDecoder {

    /** Uses every file as stored. */
    ContentDecoder NONE = (file, shownAs, content) -> content;

    /**
     * @param file    the file's real path, whose name tells its format
     * @param shownAs the file as messages must name it, relative to the load root
     * @param content the file's bytes
     * @return the bytes the build reads in their place
     * @throws KustomizeException naming {@code shownAs} and the reason when the content cannot be decoded
     */
    byte[] decode(Path file, String shownAs, byte[] content);
}
