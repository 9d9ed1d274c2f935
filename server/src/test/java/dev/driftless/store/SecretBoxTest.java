package dev.driftless.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String SECRET = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    @TempDir
    Path dataDir;

    @Test
    void whatIsSealedOpensWithTheSameKeyAndPlace() {
        SecretBox box = SecretBox.load(Map.of(), dataDir);

        byte[] sealed = box.seal(SECRET, "the secret of repository r");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(box.open(sealed, "the secret of repository r")).isEqualTo(SECRET);
        assertThat(box.seal(SECRET, "the secret of repository r")).as("a fresh nonce every time").isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyIsReportedNotDecryptedIntoGarbage() {
        byte[] sealed = SecretBox.load(Map.of(), dataDir).seal(SECRET, "place");
        SecretBox other = SecretBox.load(Map.of(StoreSettings.KEY_VARIABLE, SecretBox.generateKey()), dataDir);

        assertThatThrownBy(() -> other.open(sealed, "the kubeconfig of cluster prod"))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot decrypt the kubeconfig of cluster prod: it was encrypted with another key than the"
                        + " one in environment variable DRIFTLESS_ENCRYPTION_KEY (or was altered)");
    }

    @Test
    void aValueDoesNotOpenInAnotherPlaceOrWhenAltered() {
        SecretBox box = SecretBox.load(Map.of(), dataDir);
        byte[] sealed = box.seal(SECRET, "the secret of repository a");

        assertThatThrownBy(() -> box.open(sealed, "the secret of repository b"))
                .hasMessageStartingWith("cannot decrypt the secret of repository b: it was encrypted with another key");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, "the secret of repository a")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> box.open("plain text".getBytes(StandardCharsets.UTF_8), "x"))
                .hasMessage("cannot decrypt x: not a value this store encrypted");
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyOnceAndReused() throws IOException {
        byte[] sealed = SecretBox.load(Map.of(), dataDir).seal(SECRET, "place");
        Path keyFile = dataDir.resolve(SecretBox.KEY_FILE);
        String key = Files.readString(keyFile);

        SecretBox reloaded = SecretBox.load(Map.of(), dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(key.strip())).hasSize(32);
        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(reloaded.open(sealed, "place")).isEqualTo(SECRET);
        assertThat(reloaded.origin()).isEqualTo("key file " + keyFile);
    }

    @Test
    void aKeyFromTheEnvironmentWinsAndCreatesNoFile() {
        String key = SecretBox.generateKey();

        SecretBox box = SecretBox.load(Map.of(StoreSettings.KEY_VARIABLE, key), dataDir);

        assertThat(box.origin()).isEqualTo("environment variable DRIFTLESS_ENCRYPTION_KEY");
        assertThat(dataDir.resolve(SecretBox.KEY_FILE)).doesNotExist();
        assertThat(SecretBox.load(Map.of(StoreSettings.KEY_VARIABLE, key), dataDir)
                .open(box.seal(SECRET, "p"), "p")).isEqualTo(SECRET);
    }

    @Test
    void badKeysAreRefusedWithoutRepeatingThem() {
        String notBase64 = "this is not base64!";
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> SecretBox.load(Map.of(StoreSettings.KEY_VARIABLE, notBase64), dataDir))
                .hasMessage("the encryption key in environment variable DRIFTLESS_ENCRYPTION_KEY is not valid base64");
        assertThatThrownBy(() -> SecretBox.load(Map.of(StoreSettings.KEY_VARIABLE, short16), dataDir))
                .hasMessage("the encryption key in environment variable DRIFTLESS_ENCRYPTION_KEY must be 32 bytes"
                        + " encoded in base64 (e.g. from `openssl rand -base64 32`), not 16 bytes");
    }

    @Test
    void aDamagedKeyFileIsNamed() throws IOException {
        String fiveBytes = Base64.getEncoder().encodeToString("short".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dataDir.resolve(SecretBox.KEY_FILE), fiveBytes + "\n");

        assertThatThrownBy(() -> SecretBox.load(Map.of(), dataDir))
                .hasMessage("the encryption key in key file " + dataDir.resolve(SecretBox.KEY_FILE)
                        + " must be 32 bytes encoded in base64 (e.g. from `openssl rand -base64 32`), not 5 bytes");
    }
}
