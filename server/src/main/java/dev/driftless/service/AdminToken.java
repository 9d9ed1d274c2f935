package dev.driftless.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The administrator's API token, kept in a file only its owner can read, created on first start. */
final class AdminToken {

    static final String FILE_NAME = "admin-token";

    private AdminToken() {
    }

    /** The token in {@code dataDir/admin-token}, created with a new random token when missing. */
    static String ensure(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                }
                return token;
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the admin token file " + file, e);
        }
    }

    private static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalStateException("the admin token file " + file + " is empty; delete it to get a new token");
        }
        return token;
    }
}
