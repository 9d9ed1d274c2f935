package dev.driftless.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads files for a build and enforces the load restrictor: nothing outside the load root (the repository) is
 * ever read, whether through {@code ..} or a symlink, and remote references (URLs, {@code github.com/...}) are
 * refused. Paths in messages are relative to the load root.
 */
public final class FileLoader {

    private static final Pattern REMOTE = Pattern.compile(
            "^([a-z][a-z0-9+.-]*://|git@|github\\.com/|gitlab\\.com/|bitbucket\\.org/).*", Pattern.CASE_INSENSITIVE);

    private final Path root;

    /** @param loadRoot the directory nothing may be read outside of, usually the repository's root */
    public FileLoader(Path loadRoot) {
        try {
            this.root = loadRoot.toRealPath();
        } catch (IOException e) {
            throw new KustomizeException("load root " + loadRoot + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public static boolean isRemote(String reference) {
        return REMOTE.matcher(reference).matches();
    }

    /**
     * Resolves a reference written in a kustomization to a real path inside the load root.
     *
     * @param kustomization the kustomization file that wrote it, for messages
     * @param field         the field that holds it, for messages
     */
    public Path resolve(Path kustomization, String field, String reference) {
        if (isRemote(reference)) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": remote reference '" + reference
                    + "' refused: remote bases are not allowed");
        }
        Path candidate = kustomization.getParent().resolve(reference).normalize();
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": '" + reference + "' does not exist");
        } catch (IOException e) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": '" + reference
                    + "' cannot be read: " + e.getMessage(), e);
        }
        if (!real.startsWith(root)) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": '" + reference
                    + "' is outside the load root " + root + " (load restrictor)");
        }
        return real;
    }

    /** The real path of a directory or file the caller names directly, refused when outside the load root. */
    public Path inside(Path path) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new KustomizeException(describe(path) + ": does not exist or cannot be read");
        }
        if (!real.startsWith(root)) {
            throw new KustomizeException(path + " is outside the load root " + root + " (load restrictor)");
        }
        return real;
    }

    public String read(Path kustomization, String field, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": cannot read " + describe(file)
                    + ": " + e.getMessage(), e);
        }
    }

    /** A path as messages show it: relative to the load root. */
    public String describe(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : absolute.toString();
    }
}
