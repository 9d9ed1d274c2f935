package dev.driftless.engine.render.sops;

import com.exceptionfactory.jagged.bech32.Bech32;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SopsTest {

    private static final String AGE_RECIPIENT = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private static final String GLOBAL_RECIPIENT = "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph";
    private static final String PQ_RECIPIENT_START = "age1pq1ehusfwsvrente8p6gafr4jemv2urnqfm4c59ng5dgqq";
    private static final String AGE_PQ_PREFIX = "AGE-SECRET-KEY-PQ-1";
    private static final String PQ_STANZA = "\n-> mlkem768x25519 ";
    private static final String ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    private static final String ARMOR_END = "-----END AGE ENCRYPTED FILE-----";
    private static final String PGP_FINGERPRINT = "35C1A64CD7FC0AB6EB66756B2445463C3234ECE1";
    /** The plaintext of global/secret.yaml: distinctive enough to look for in messages, unlike "value". */
    private static final String GLOBAL_PLAINTEXT = "global-value";

    private static final SopsKeys AGE = ageKeys("keys/age.txt");
    private static final SopsKeys PQ = ageKeys("keys/age-pq.txt");
    private static final SopsKeys GLOBAL = ageKeys("keys/age-global.txt");
    private static final SopsKeys PGP = SopsKeys.fromFiles(List.of(), List.of(SopsFixture.file("keys/pgp.asc")));

    @TempDir
    Path work;

    @Test
    void decryptsAgeYamlToTheDocumentWithoutItsMetadata() throws IOException {
        JsonNode secret = yaml(Sops.decrypt("age.yaml", "algorithms/age.yaml", SopsFixture.bytes("algorithms/age.yaml"), AGE));

        assertThat(secret.path("stringData").path("key").asText()).isEqualTo("value");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("age");
        assertThat(secret.has("sops")).as("the metadata is dropped").isFalse();
    }

    @Test
    void decryptsWithAPgpPrivateKey() throws IOException {
        JsonNode secret = yaml(Sops.decrypt("pgp.yaml", "algorithms/pgp.yaml", SopsFixture.bytes("algorithms/pgp.yaml"), PGP));

        assertThat(secret.path("stringData").path("key").asText()).isEqualTo("value");
    }

    @Test
    void decryptsDotenvFilesDroppingTheirFlattenedMetadata() throws IOException {
        byte[] plain = Sops.decrypt("env.env", "envs/env.env", SopsFixture.bytes("envs/env.env"), AGE);

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("key=value\n");
    }

    @Test
    void decryptsABinaryFileStoredAsJsonToItsOriginalBytes() throws IOException {
        byte[] plain = Sops.decrypt("file.txt", "files/file.txt", SopsFixture.bytes("files/file.txt"), AGE);

        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("value");
    }

    @Test
    void decryptsTheGlobalSecretWithItsOwnIdentity() throws IOException {
        JsonNode secret = yaml(Sops.decrypt("secret.yaml", "global/secret.yaml", SopsFixture.bytes("global/secret.yaml"), GLOBAL));

        assertThat(secret.path("stringData").path("key").asText()).isEqualTo(GLOBAL_PLAINTEXT);
    }

    @Test
    void aWrongKeyIsRefusedListingTheRecipientsTheFileWasEncryptedFor() throws IOException {
        SopsException error = catchThrowableOfType(SopsException.class,
                () -> Sops.decrypt("secret.yaml", "global/secret.yaml", SopsFixture.bytes("global/secret.yaml"), AGE));

        assertThat(error.getMessage()).startsWith("global/secret.yaml: ").contains(GLOBAL_RECIPIENT)
                .doesNotContain(GLOBAL_PLAINTEXT).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void aPgpFileWithOnlyAgeKeysListsItsFingerprint() throws IOException {
        SopsException error = catchThrowableOfType(SopsException.class,
                () -> Sops.decrypt("pgp.yaml", "algorithms/pgp.yaml", SopsFixture.bytes("algorithms/pgp.yaml"), AGE));

        assertThat(error.getMessage()).contains("algorithms/pgp.yaml", "PGP " + PGP_FINGERPRINT);
    }

    @Test
    void withoutKeysAnEncryptedFileIsRefusedRatherThanPassedOn() throws IOException {
        SopsException error = catchThrowableOfType(SopsException.class,
                () -> Sops.decrypt("age.yaml", "algorithms/age.yaml", SopsFixture.bytes("algorithms/age.yaml"), SopsKeys.NONE));

        assertThat(error.getMessage()).contains("algorithms/age.yaml", "no SOPS keys", AGE_RECIPIENT);
    }

    @Test
    void aFileThatIsNotSopsIsReturnedUnchanged() throws IOException {
        byte[] plain = SopsFixture.bytes("algorithms/vault.yaml");

        assertThat(Sops.isEncrypted("vault.yaml", plain)).isFalse();
        assertThat(Sops.decrypt("vault.yaml", "algorithms/vault.yaml", plain, SopsKeys.NONE)).isEqualTo(plain);
    }

    @Test
    void aChangedCiphertextByteIsRefusedNamingTheFileAndPath() throws IOException {
        String original = Files.readString(SopsFixture.file("global/secret.yaml"));
        String tampered = original.replace("data:5d9WYyV8eyrOhF/m", "data:5d9WYyV8eyrOhF/n");
        assertThat(tampered).isNotEqualTo(original);

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("secret.yaml",
                "global/secret.yaml", tampered.getBytes(StandardCharsets.UTF_8), GLOBAL));

        assertThat(error.getMessage()).contains("global/secret.yaml", "stringData.key").doesNotContain(GLOBAL_PLAINTEXT);
    }

    @Test
    void aChangedCleartextValueFailsTheMac() throws IOException {
        String original = Files.readString(SopsFixture.file("global/secret.yaml"));
        String tampered = original.replace("namespace: default", "namespace: kube-system");
        assertThat(tampered).isNotEqualTo(original);

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("secret.yaml",
                "global/secret.yaml", tampered.getBytes(StandardCharsets.UTF_8), GLOBAL));

        assertThat(error.getMessage()).contains("global/secret.yaml", "MAC mismatch").doesNotContain(GLOBAL_PLAINTEXT);
    }

    @Test
    void aChangedMacIsRefused() throws IOException {
        String original = Files.readString(SopsFixture.file("global/secret.yaml"));
        String tampered = original.replace("mac: ENC[AES256_GCM,data:5vkro", "mac: ENC[AES256_GCM,data:5vkrp");
        assertThat(tampered).isNotEqualTo(original);

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("secret.yaml",
                "global/secret.yaml", tampered.getBytes(StandardCharsets.UTF_8), GLOBAL));

        assertThat(error.getMessage()).contains("global/secret.yaml", "MAC mismatch").doesNotContain(GLOBAL_PLAINTEXT);
    }

    @Test
    void aDotenvFileWithAChangedValueFailsTheMac() throws IOException {
        String original = Files.readString(SopsFixture.file("envs/env.env"));
        String tampered = original.replace("key=ENC[", "other=ENC[");
        assertThat(tampered).isNotEqualTo(original);

        assertThatThrownBy(() -> Sops.decrypt("env.env", "envs/env.env", tampered.getBytes(StandardCharsets.UTF_8), AGE))
                .isInstanceOf(SopsException.class).hasMessageContaining("envs/env.env");
    }

    @Test
    void aMalformedEncryptedValueIsRefusedWithItsPath() throws IOException {
        String original = Files.readString(SopsFixture.file("global/secret.yaml"));
        String tampered = original.replaceFirst("key: ENC\\[AES256_GCM,data:[^,]*,", "key: ENC[AES256_GCM,data:%%,");
        assertThat(tampered).isNotEqualTo(original);

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("secret.yaml",
                "global/secret.yaml", tampered.getBytes(StandardCharsets.UTF_8), GLOBAL));

        assertThat(error.getMessage()).contains("global/secret.yaml", "stringData.key", "well-formed");
    }

    @Test
    void aFileEncryptedOnlyWithVaultSaysThatKeySourceIsNotAvailable() throws IOException {
        String original = Files.readString(SopsFixture.file("global/secret.yaml"));
        String vaultOnly = original.substring(0, original.indexOf("  age:\n"))
                + "  hc_vault:\n    - vault_address: http://127.0.0.1:8200\n      engine_path: sops\n"
                + "      key_name: firstkey\n      created_at: \"2025-07-06T17:19:51Z\"\n"
                + "      enc: vault:v1:abc\n"
                + original.substring(original.indexOf("  lastmodified:"));

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("secret.yaml",
                "global/secret.yaml", vaultOnly.getBytes(StandardCharsets.UTF_8), GLOBAL));

        assertThat(error.getMessage()).contains("global/secret.yaml", "hc_vault http://127.0.0.1:8200 sops firstkey",
                "only age and PGP keys are available");
    }

    @Test
    void decryptsPostQuantumAgeWithItsIdentity() throws IOException {
        JsonNode secret = yaml(Sops.decrypt("age-pq.yaml", "algorithms/age-pq.yaml",
                SopsFixture.bytes("algorithms/age-pq.yaml"), PQ));

        assertThat(secret.path("stringData").path("key").asText()).isEqualTo("value");
    }

    @Test
    void anyOfSeveralIdentitiesMayOpenThePostQuantumStanza() throws IOException {
        List<String> identities = List.of(postQuantumIdentity(new byte[32]), AGE.ageIdentities().get(0),
                PQ.ageIdentities().get(0));

        JsonNode secret = yaml(Sops.decrypt("age-pq.yaml", "algorithms/age-pq.yaml",
                SopsFixture.bytes("algorithms/age-pq.yaml"), new SopsKeys(identities, List.of())));

        assertThat(secret.path("stringData").path("key").asText()).isEqualTo("value");
    }

    @Test
    void aWrongPostQuantumIdentityIsRefusedListingTheRecipient() throws IOException {
        String otherIdentity = postQuantumIdentity(new byte[32]);
        SopsKeys other = new SopsKeys(List.of(otherIdentity), List.of());

        SopsException error = catchThrowableOfType(SopsException.class, () -> Sops.decrypt("age-pq.yaml",
                "algorithms/age-pq.yaml", SopsFixture.bytes("algorithms/age-pq.yaml"), other));

        assertThat(error.getMessage()).startsWith("algorithms/age-pq.yaml: none of the 1 age identities")
                .contains("age " + PQ_RECIPIENT_START).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void aChangedPostQuantumStanzaIsRefused() throws IOException {
        JsonNode unchanged = yaml(Sops.decrypt("age-pq.yaml", "algorithms/age-pq.yaml",
                postQuantumFileWithAgeHeader(header -> header), PQ));
        byte[] changedEncapsulation = postQuantumFileWithAgeHeader(header -> changeCharAfter(header, PQ_STANZA));
        byte[] changedBody = postQuantumFileWithAgeHeader(header -> changeCharAfter(header,
                header.substring(0, header.indexOf('\n', header.indexOf(PQ_STANZA) + 1) + 1)));

        assertThat(unchanged.path("stringData").path("key").asText()).as("the header is rewritten faithfully")
                .isEqualTo("value");
        for (byte[] changed : List.of(changedEncapsulation, changedBody)) {
            assertThatThrownBy(() -> Sops.decrypt("age-pq.yaml", "algorithms/age-pq.yaml", changed, PQ))
                    .isInstanceOf(SopsException.class)
                    .hasMessageStartingWith("algorithms/age-pq.yaml: none of the 1 age identities")
                    .hasMessageNotContaining("AGE-SECRET-KEY");
        }
    }

    @Test
    void aMalformedPostQuantumIdentityIsRefusedNamingItsLineWithoutItsContent() throws IOException {
        Path badChecksum = Files.writeString(work.resolve("bad.txt"), "# comment\nAGE-SECRET-KEY-PQ-1NOTAKEY\n");
        String shortIdentity = postQuantumIdentity(new byte[16]);
        Path shortKey = Files.writeString(work.resolve("short.txt"), shortIdentity + "\n");

        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(badChecksum), List.of()))
                .hasMessageContaining(badChecksum + " line 2: not a valid post-quantum age identity")
                .hasMessageNotContaining("NOTAKEY");
        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(shortKey), List.of()))
                .hasMessageContaining(shortKey + " line 1").hasMessageContaining("16 bytes, not 32")
                .hasMessageNotContaining(shortIdentity.substring(AGE_PQ_PREFIX.length()));
    }

    @Test
    void badKeyFilesAreRefusedNamingTheFileWithoutTheirContent() throws IOException {
        Path garbage = Files.writeString(work.resolve("garbage.txt"), "# comment\nAGE-SECRET-KEY-1NOTAKEY\n");
        Path notPgp = Files.writeString(work.resolve("not-pgp.asc"), "hello\n");

        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(garbage), List.of()))
                .hasMessageContaining(garbage + " line 2").hasMessageNotContaining("NOTAKEY");
        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(), List.of(notPgp)))
                .hasMessageContaining(notPgp.toString()).hasMessageContaining("not an OpenPGP private key");
        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(work.resolve("missing.txt")), List.of()))
                .hasMessageContaining("missing.txt does not exist");
        assertThatThrownBy(() -> SopsKeys.fromFiles(List.of(Files.writeString(work.resolve("empty.txt"), "# x\n")),
                List.of())).hasMessageContaining("empty.txt holds no identity");
    }

    @Test
    void keysShowOnlyTheirCounts() {
        SopsKeys keys = new SopsKeys(AGE.ageIdentities(), PGP.pgpPrivateKeys());

        assertThat(keys.toString()).isEqualTo("SopsKeys[1 age identities, 1 PGP keys]");
        assertThat(keys.isEmpty()).isFalse();
        assertThat(SopsKeys.NONE.isEmpty()).isTrue();
    }

    @Test
    void aDecryptedDocumentShowsOnlyItsKeys() throws IOException {
        SopsDocument document = SopsDocument.read("global/secret.yaml", SopsFormat.YAML,
                SopsFixture.bytes("global/secret.yaml"));
        SopsDecryption.decrypt("global/secret.yaml", document, GLOBAL);

        assertThat(document.tree().path("stringData").path("key").asText()).isEqualTo(GLOBAL_PLAINTEXT);
        assertThat(document.toString()).contains("stringData").doesNotContain(GLOBAL_PLAINTEXT);
    }

    private static String postQuantumIdentity(byte[] seed) {
        return Bech32.getEncoder().encode("AGE-SECRET-KEY-PQ-", seed).toString().toUpperCase(Locale.ROOT);
    }

    /** The text with the character after the first {@code marker} replaced by another base64 character. */
    private static String changeCharAfter(String text, String marker) {
        int at = text.indexOf(marker) + marker.length();
        char replacement = text.charAt(at) == 'A' ? 'B' : 'A';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    /** algorithms/age-pq.yaml with its armored age file (the wrapped data key) decoded, edited and armored again. */
    private static byte[] postQuantumFileWithAgeHeader(UnaryOperator<String> edit) throws IOException {
        String yaml = Files.readString(SopsFixture.file("algorithms/age-pq.yaml"));
        int begin = yaml.indexOf(ARMOR_BEGIN) + ARMOR_BEGIN.length();
        int end = yaml.indexOf(ARMOR_END);
        byte[] ageFile = Base64.getMimeDecoder().decode(yaml.substring(begin, end));
        String edited = edit.apply(new String(ageFile, StandardCharsets.ISO_8859_1));
        String indent = "\n        ";
        String armored = Base64.getMimeEncoder(64, indent.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(edited.getBytes(StandardCharsets.ISO_8859_1));
        return (yaml.substring(0, begin) + indent + armored + indent + yaml.substring(end))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SopsKeys ageKeys(String relative) {
        return SopsKeys.fromFiles(List.of(SopsFixture.file(relative)), List.of());
    }

    private static JsonNode yaml(byte[] content) throws IOException {
        return new YAMLMapper().readTree(content);
    }
}
