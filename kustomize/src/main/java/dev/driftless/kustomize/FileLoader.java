package dev.driftless.kustomize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Reads files for a build and enforces the load restrictor: nothing outside the load root (the repository) is
 * ever read, whether through {@code ..} or a symlink. Remote references (URLs, {@code github.com/...}) are not
 * resolved here: remote bases are built by {@link Build} with a loader of their own. Paths in messages are relative
 * to the load root.
 *
 * <p>Every path inside the load root that the build reads, resolves or probes passes through here and is recorded,
 * so that {@link #read()} tells which changes to the tree can change the build. Every file's content passes through
 * the loader's {@link ContentDecoder}.
 */
public final class FileLoader {

    private static final Pattern REMOTE = Pattern.compile(
            "^(git::|[a-z][a-z0-9+.-]*://|git@|github\\.com/|gitlab\\.com/|bitbucket\\.org/).*", Pattern.CASE_INSENSITIVE);

    private static final Pattern HTTP_USER_INFO = Pattern.compile("^((?:git::)?https?://)[^/@]*@",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD = Pattern.compile("^((?:git::)?[a-z][a-z0-9+.-]*://[^/@:]*):[^/]*@",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE_FILE = Pattern.compile("^(?:git::)?https?://[^?]*\\.(?:ya?ml|json)(?:\\?.*)?$",
            Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final String remote;
    private final ContentDecoder decoder;
    private final Set<Path> filesRead = ConcurrentHashMap.newKeySet();
    private final Set<Path> directoriesRead = ConcurrentHashMap.newKeySet();

    /** @param loadRoot the directory nothing may be read outside of, usually the repository's root */
    public FileLoader(Path loadRoot) {
        this(loadRoot, "", ContentDecoder.NONE);
    }

    /**
     * A loader for a fetched remote base: paths in messages are relative to its tree and name the reference.
     *
     * @param remote  the remote reference the tree was fetched for, empty for the application's own tree
     * @param decoder turns each file's stored bytes into those the build reads
     */
    FileLoader(Path loadRoot, String remote, ContentDecoder decoder) {
        this.remote = displayed(remote);
        this.decoder = decoder;
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

    /** Whether a remote reference names a single file (a YAML or JSON URL) rather than a Git repository. */
    public static boolean isRemoteFile(String reference) {
        return REMOTE_FILE.matcher(reference).matches() && reference.indexOf("//", reference.indexOf("://") + 3) < 0;
    }

    /** A reference as messages may show it: a password or token in a URL's user information is masked. */
    public static String displayed(String reference) {
        String masked = HTTP_USER_INFO.matcher(reference).replaceFirst("$1***@");
        return PASSWORD.matcher(masked).replaceFirst("$1:***@");
    }

    /**
     * Resolves a reference written in a kustomization to a real path inside the load root.
     *
     * @param kustomization the kustomization file that wrote it, for messages
     * @param field         the field that holds it, for messages
     */
    public Path resolve(Path kustomization, String field, String reference) {
        if (isRemote(reference)) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": remote reference '"
                    + displayed(reference) + "' refused: only resources, bases and components may be remote");
        }
        Path candidate = kustomization.getParent().resolve(reference).normalize();
        record(filesRead, candidate);
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
        record(filesRead, real);
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
        record(filesRead, real);
        return real;
    }

    /** Like {@link #inside} for a directory whose every file is read by something else, such as a Helm chart. */
    public Path insideWhole(Path directory) {
        Path real = inside(directory);
        record(directoriesRead, real);
        return real;
    }

    /** The kustomization file of a directory, as {@link Kustomization#findIn}; every name looked for is recorded. */
    public Optional<Path> findKustomization(Path directory) {
        for (String fileName : Kustomization.FILE_NAMES) {
            record(filesRead, directory.resolve(fileName));
        }
        return Kustomization.findIn(directory);
    }

    public String read(Path kustomization, String field, Path file) {
        record(filesRead, file);
        try {
            byte[] content = decoder.decode(file, describe(file), Files.readAllBytes(file));
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (IOException e) {
            throw new KustomizeException(describe(kustomization) + ": " + field + ": cannot read " + describe(file)
                    + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of a file, for values that may be binary. */
    public byte[] readBytes(Path file) throws IOException {
        record(filesRead, file);
        return decoder.decode(file, describe(file), Files.readAllBytes(file));
    }

    /** What has been read, resolved or probed so far. */
    public ReadPaths read() {
        return new ReadPaths(relative(filesRead), relative(directoriesRead));
    }

    private void record(Set<Path> paths, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.startsWith(root)) {
            paths.add(absolute);
        }
    }

    private Set<String> relative(Set<Path> paths) {
        return paths.stream().map(path -> root.relativize(path).toString().replace('\\', '/'))
                .collect(Collectors.toSet());
    }

    /** A path as messages show it: relative to the load root, followed by the remote reference of a remote base. */
    public String describe(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            return absolute.toString();
        }
        String relative = root.relativize(absolute).toString().replace('\\', '/');
        return remote.isEmpty() ? relative : relative + " in " + remote;
    }
}
