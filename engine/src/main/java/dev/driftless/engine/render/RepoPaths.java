package dev.driftless.engine.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves user-given paths against a checked-out repository and refuses every path that would leave it:
 * absolute paths, {@code ..} and symlinks whose target lies outside the repository.
 */
final class RepoPaths {

    private RepoPaths() {
    }

    /** The repository root with all symlinks resolved: the reference every containment check compares against. */
    static Path realRoot(Path repoRoot) throws RenderException {
        try {
            return repoRoot.toRealPath();
        } catch (IOException e) {
            throw new RenderException("repository root " + repoRoot + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The application's directory. The path must be relative and free of {@code ..}; {@code ""} and {@code "."}
     * mean the root. The returned path keeps the user's spelling (no symlinks resolved) so origins read naturally.
     */
    static Path applicationDirectory(Path realRoot, String path) throws RenderException {
        String what = "application path '" + path + "'";
        Path relative = parse(path, what);
        if (relative.isAbsolute() || path.startsWith("/")) {
            throw new RenderException(what + " is absolute; it must be relative to the repository root");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new RenderException(what + " contains '..'; it must stay inside the repository");
            }
        }
        Path directory = realRoot.resolve(relative).normalize();
        requireInside(realRoot, directory, what);
        if (!Files.isDirectory(directory)) {
            throw new RenderException(what + " is not a directory");
        }
        return directory;
    }

    /**
     * A file named relative to {@code base} (which lies inside the repository). {@code ..} is allowed as long as the
     * result stays inside the repository, e.g. a chart's values file in a sibling directory.
     */
    static Path fileInside(Path realRoot, Path base, String relativeName, String what) throws RenderException {
        String described = what + " '" + relativeName + "' (relative to " + describe(realRoot, base) + ")";
        Path relative = parse(relativeName, described);
        if (relative.isAbsolute() || relativeName.startsWith("/")) {
            throw new RenderException(described + " is absolute; it must be a path inside the repository");
        }
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(realRoot)) {
            throw new RenderException(described + " is outside the repository");
        }
        requireInside(realRoot, file, described);
        if (!Files.isRegularFile(file)) {
            throw new RenderException(described + " is not a regular file");
        }
        return file;
    }

    /**
     * Fails unless the path exists and its target, all symlinks followed, lies inside the repository.
     *
     * @param what how to name the path in the error, e.g. {@code values file 'x.yaml'}
     */
    static void requireInside(Path realRoot, Path path, String what) throws RenderException {
        Path target;
        try {
            target = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RenderException(Files.isSymbolicLink(path)
                    ? what + " is a broken symlink"
                    : what + " does not exist in the repository");
        } catch (IOException e) {
            throw new RenderException(what + " cannot be read: " + e.getMessage(), e);
        }
        if (!target.startsWith(realRoot)) {
            throw new RenderException(what + " resolves outside the repository through a symlink");
        }
    }

    /** The repository-relative spelling of a path inside the repository, always with {@code /}; the root is {@code "."}. */
    static String describe(Path realRoot, Path path) {
        String relative = unix(realRoot.relativize(path));
        return relative.isEmpty() ? "." : relative;
    }

    /** A relative path with {@code /} separators, the form used in origins and glob matching. */
    static String unix(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static Path parse(String path, String what) throws RenderException {
        try {
            return Path.of(path.isBlank() ? "." : path);
        } catch (InvalidPathException e) {
            throw new RenderException(what + " is not a valid path: " + e.getReason());
        }
    }
}
