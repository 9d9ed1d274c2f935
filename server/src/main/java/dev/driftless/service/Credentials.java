package dev.driftless.service;

import dev.driftless.engine.app.RepositorySpec;
import dev.driftless.engine.source.GitCredentials;
import dev.driftless.store.StoredRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turns stored repository credentials into the engine's. JGit reads SSH keys from files, so each stored key is
 * written to a file only its owner can read, in a directory of its own that {@link #close()} removes.
 */
final class Credentials implements AutoCloseable {

    private final Path keyDirectory;
    private final Map<String, Path> keyFiles = new ConcurrentHashMap<>();

    Credentials() {
        try {
            keyDirectory = Files.createTempDirectory("driftless-keys-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for SSH keys", e);
        }
    }

    RepositorySpec toSpec(StoredRepository stored) {
        GitCredentials credentials = switch (stored.type()) {
            case NONE -> new GitCredentials.None();
            case BASIC -> new GitCredentials.Basic(stored.username(), stored.secret());
            case TOKEN -> new GitCredentials.Token(stored.secret());
            case SSH_KEY -> new GitCredentials.SshKey(keyFile(stored), null, null, false);
        };
        return new RepositorySpec(stored.urlPrefix(), credentials);
    }

    /** Removes the key file written for a prefix, if any. */
    void forget(String urlPrefix) {
        Path file = keyFiles.remove(urlPrefix);
        if (file != null) {
            delete(file);
        }
    }

    private Path keyFile(StoredRepository stored) {
        Path file = keyFiles.computeIfAbsent(stored.urlPrefix(), prefix -> keyDirectory.resolve(UUID.randomUUID() + ".key"));
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, stored.secret(), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SSH key of repository " + stored.urlPrefix(), e);
        }
        return file;
    }

    /** The credential kind as the API names it, never the secret. */
    static RepositoryView view(RepositorySpec spec, Origin origin) {
        return switch (spec.credentials()) {
            case GitCredentials.None none -> new RepositoryView(spec.urlPrefix(), "NONE", null, origin);
            case GitCredentials.Basic basic -> new RepositoryView(spec.urlPrefix(), "BASIC", basic.username(), origin);
            case GitCredentials.Token token -> new RepositoryView(spec.urlPrefix(), "TOKEN", null, origin);
            case GitCredentials.SshKey key -> new RepositoryView(spec.urlPrefix(), "SSH_KEY", null, origin);
        };
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(keyDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(Credentials::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the SSH key directory " + keyDirectory, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
