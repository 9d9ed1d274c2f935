package dev.driftless.engine.app;

import dev.driftless.engine.render.sops.SopsFixture;
import dev.driftless.engine.render.sops.SopsKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectKeysTest {

    @Test
    void keysAreCountedCheckedAndNeverPrinted() throws IOException {
        String age = Files.readString(SopsFixture.file("keys/age.txt"))
                + Files.readString(SopsFixture.file("keys/age-global.txt"))
                + Files.readString(SopsFixture.file("keys/age-pq.txt"));
        String pgp = Files.readString(SopsFixture.file("keys/pgp.asc"));

        ProjectKeys keys = new ProjectKeys(age, pgp);

        assertThat(keys.ageIdentityCount()).as("two X25519 identities and a post-quantum one").isEqualTo(3);
        assertThat(keys.pgpKeyCount()).isEqualTo(1);
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys).hasToString("ProjectKeys[3 age identities, 1 PGP keys]");
        SopsKeys decryption = keys.decryptionKeys();
        assertThat(decryption.ageIdentities()).hasSize(3);
        assertThat(decryption.pgpPrivateKeys()).hasSize(1);
        assertThat(ProjectKeys.none().isEmpty()).isTrue();
        assertThat(ProjectKeys.none().decryptionKeys().isEmpty()).isTrue();
    }

    @Test
    void textThatHoldsNoKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new ProjectKeys("secret-but-not-a-key", null))
                .hasMessage("the age key holds no identity line starting with AGE-SECRET-KEY-1");
        assertThatThrownBy(() -> new ProjectKeys(null, "secret-but-not-a-key"))
                .hasMessage("the PGP key holds no '-----BEGIN PGP PRIVATE KEY BLOCK-----'");
    }

    @Test
    void keysThatLookRightButAreNotValidAreRefusedWithoutQuotingThem() {
        String forged = "AGE-SECRET-KEY-1SECRETBUTNOTVALIDBECH32";
        assertThatThrownBy(() -> new ProjectKeys(forged, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("age key of the project line 1: not a valid age X25519 identity (bad Bech32 encoding or length)");
        String forgedPgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nsecret-body\n-----END PGP PRIVATE KEY BLOCK-----\n";
        assertThatThrownBy(() -> new ProjectKeys(null, forgedPgp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PGP key of the project")
                .hasMessageNotContaining("secret-body");
    }
}
