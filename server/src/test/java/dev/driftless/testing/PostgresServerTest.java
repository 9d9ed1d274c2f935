package dev.driftless.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    @TempDir
    Path root;

    @Test
    void missingBinariesNameTheDebianPackageToInstall() {
        assertThatThrownBy(() -> PostgresServer.findBinaries(root.resolve("absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initdb, pg_ctl")
                .hasMessageContaining("install the Debian package `postgresql`");
    }

    @Test
    void theNewestInstalledVersionIsUsed() throws IOException {
        Path older = installFakeVersion("13");
        Path newer = installFakeVersion("15");
        Files.createDirectories(root.resolve("16/bin"));

        assertThat(PostgresServer.findBinaries(root)).isEqualTo(newer).isNotEqualTo(older);
    }

    private Path installFakeVersion(String version) throws IOException {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        for (String program : new String[]{"initdb", "pg_ctl"}) {
            Files.createFile(bin.resolve(program), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        return bin;
    }
}
