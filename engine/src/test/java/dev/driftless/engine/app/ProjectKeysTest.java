package dev.driftless.engine.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectKeysTest {

    private static final String AGE = """
            # created: 2025-01-01T00:00:00Z
            AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ7W5ZNK
            AGE-SECRET-KEY-1ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ7W5ZNK
            """;
    private static final String PGP = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nsecret-body-1\n-----END PGP PRIVATE KEY BLOCK-----\n";

    @Test
    void keysAreCountedAndNeverPrinted() {
        ProjectKeys keys = new ProjectKeys(AGE, PGP + PGP.replace("secret-body-1", "secret-body-2"));

        assertThat(keys.ageIdentityCount()).isEqualTo(2);
        assertThat(keys.pgpKeyCount()).isEqualTo(2);
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys).hasToString("ProjectKeys[2 age identities, 2 PGP keys]");
        assertThat(ProjectKeys.none().isEmpty()).isTrue();
    }

    @Test
    void textThatHoldsNoKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new ProjectKeys("secret-but-not-a-key", null))
                .hasMessage("the age key holds no identity line starting with AGE-SECRET-KEY-1");
        assertThatThrownBy(() -> new ProjectKeys(null, "secret-but-not-a-key"))
                .hasMessage("the PGP key holds no '-----BEGIN PGP PRIVATE KEY BLOCK-----'");
    }
}
