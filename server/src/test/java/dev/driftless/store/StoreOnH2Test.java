package dev.driftless.store;

import dev.driftless.store.StoredRepository.CredentialType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every store contract on H2 in the data directory, the default database; and what only H2 has: a file. */
class StoreOnH2Test {

    private static final String SECRET = "s3cr3t-6d1b2f";

    @TempDir
    Path dataDir;

    @Test
    void theDefaultDatabaseAndKeyFileLiveInTheDataDirectoryAndHoldNoSecretInClear() throws IOException {
        Path home = dataDir.resolve("home");
        try (Store store = Store.open(new StoreSettings(home, null, Map.of(), null))) {
            store.repositories().create(new StoredRepository("https://git.example/", CredentialType.TOKEN, null, SECRET));
            store.clusters().create(new StoredCluster("visible-cluster-name", "token: " + SECRET, null, null));
        }

        byte[] database = Files.readAllBytes(home.resolve("driftless.mv.db"));
        String contents = new String(database, StandardCharsets.ISO_8859_1);
        assertThat(contents).as("the file keeps names in clear, so the check can see text")
                .contains("visible-cluster-name").contains("https://git.example/");
        assertThat(contents).doesNotContain(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(SecretBox.KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Nested
    class Applications extends ApplicationContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Credentials extends CredentialContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Operations extends OperationLogContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Events extends AuditLogContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Projects extends ProjectContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }
}
