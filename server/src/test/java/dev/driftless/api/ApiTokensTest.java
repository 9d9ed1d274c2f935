package dev.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static final String ADMIN = "s3cr3t-admin-token";
    private static final String ALICE = "alice-token-91c2";

    private final ApiTokens tokens = ApiTokens.ofHashes(Map.of(ApiTokens.hash(ADMIN), "admin",
            ApiTokens.hash(ALICE), "alice"));

    @Test
    void theHashIsTheHexSha256OfTheToken() {
        // printf %s abc | sha256sum
        assertThat(ApiTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aKnownTokenGivesItsUserAndAnyOtherNone() {
        assertThat(tokens.userOf(ADMIN)).hasValue("admin");
        assertThat(tokens.userOf(ALICE)).hasValue("alice");
        assertThat(tokens.userOf(ADMIN + " ")).isEmpty();
        assertThat(tokens.userOf("")).isEmpty();
        assertThat(ApiTokens.ofHashes(Map.of()).userOf(ADMIN)).isEmpty();
    }

    @Test
    void malformedHashesAndEmptyUsersAreRefused() {
        assertThatThrownBy(() -> ApiTokens.ofHashes(Map.of(ADMIN, "admin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API token hash of user admin: expected 64 lower-case hex digits (SHA-256)")
                .hasMessageNotContaining(ADMIN);
        assertThatThrownBy(() -> ApiTokens.ofHashes(Map.of(ApiTokens.hash(ADMIN).toUpperCase(), "admin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiTokens.ofHashes(Map.of(ApiTokens.hash(ADMIN), " ")))
                .hasMessage("API token hash: the user name is empty");
    }

    @Test
    void toStringShowsNeitherTokensNorHashes() {
        assertThat(tokens.toString()).isEqualTo("ApiTokens[2 token(s)]");
    }
}
