package dev.driftless.engine.render.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a document's {@code sops} mapping says: who the data key was encrypted for, the encrypted MAC, and which
 * values are encrypted.
 *
 * @param ageStanzas        the data key encrypted for age recipients
 * @param pgpStanzas        the data key encrypted for OpenPGP keys
 * @param otherKeySources   key sources Driftless cannot use (AWS KMS, GCP KMS, Azure Key Vault, HashiCorp Vault),
 *                          each described by its public identifier
 * @param keyGroups         whether the data key is split over key groups (Shamir's secret sharing)
 * @param mac               the encrypted MAC
 * @param lastModified      the MAC's additional data, as SOPS formats the time (RFC 3339, whole seconds)
 * @param rules             which values are encrypted
 */
record SopsMetadata(List<AgeStanza> ageStanzas, List<PgpStanza> pgpStanzas, List<String> otherKeySources,
                    boolean keyGroups, String mac, String lastModified, EncryptionRules rules) {

    record AgeStanza(String recipient, String armoredFileKey) {
    }

    record PgpStanza(String fingerprint, String armoredMessage) {
    }

    /**
     * SOPS's settings for which values are encrypted; at most one of the four selectors is set.
     *
     * @param macOnlyEncrypted whether the MAC covers the encrypted values only
     */
    record EncryptionRules(String unencryptedSuffix, String encryptedSuffix, Optional<Pattern> unencryptedRegex,
                           Optional<Pattern> encryptedRegex, boolean macOnlyEncrypted) {

        /** Whether the value at a path (the keys leading to it) is encrypted, as SOPS's tree walk decides. */
        boolean encrypts(List<String> path) {
            if (!unencryptedSuffix.isEmpty()) {
                return path.stream().noneMatch(key -> key.endsWith(unencryptedSuffix));
            }
            if (!encryptedSuffix.isEmpty()) {
                return path.stream().anyMatch(key -> key.endsWith(encryptedSuffix));
            }
            if (unencryptedRegex.isPresent()) {
                return path.stream().noneMatch(key -> unencryptedRegex.get().matcher(key).find());
            }
            if (encryptedRegex.isPresent()) {
                return path.stream().anyMatch(key -> encryptedRegex.get().matcher(key).find());
            }
            return true;
        }
    }

    private static final DateTimeFormatter RFC_3339_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final List<String> OTHER_SOURCES = List.of("kms", "gcp_kms", "azure_kv", "hc_vault");

    static SopsMetadata of(String file, ObjectNode metadata) {
        List<AgeStanza> age = new ArrayList<>();
        for (JsonNode entry : metadata.path("age")) {
            age.add(new AgeStanza(entry.path("recipient").asText(), entry.path("enc").asText()));
        }
        List<PgpStanza> pgp = new ArrayList<>();
        for (JsonNode entry : metadata.path("pgp")) {
            pgp.add(new PgpStanza(entry.path("fp").asText(), entry.path("enc").asText()));
        }
        List<String> others = new ArrayList<>();
        for (String source : OTHER_SOURCES) {
            for (JsonNode entry : metadata.path(source)) {
                others.add(source + " " + describeOtherSource(entry));
            }
        }
        JsonNode mac = metadata.get("mac");
        if (mac == null || !mac.isTextual() || mac.asText().isEmpty()) {
            throw new SopsException(file + ": the sops metadata has no MAC, so the file's integrity cannot be checked");
        }
        return new SopsMetadata(age, pgp, others, metadata.path("key_groups").size() > 0, mac.asText(),
                lastModified(file, metadata.path("lastmodified").asText()), rules(file, metadata));
    }

    /** The identifiers SOPS records for a cloud or Vault key: never secret, they say where the key lives. */
    private static String describeOtherSource(JsonNode entry) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("arn", "resource_id", "vault_url", "vault_address", "engine_path", "key_name",
                "name")) {
            if (entry.hasNonNull(field)) {
                parts.add(entry.get(field).asText());
            }
        }
        return String.join(" ", parts);
    }

    private static String lastModified(String file, String text) {
        try {
            return OffsetDateTime.parse(text).truncatedTo(ChronoUnit.SECONDS).format(RFC_3339_SECONDS);
        } catch (DateTimeParseException e) {
            throw new SopsException(file + ": sops.lastmodified '" + text + "' is not an RFC 3339 time");
        }
    }

    private static EncryptionRules rules(String file, ObjectNode metadata) {
        return new EncryptionRules(metadata.path("unencrypted_suffix").asText(""),
                metadata.path("encrypted_suffix").asText(""),
                pattern(file, metadata, "unencrypted_regex"), pattern(file, metadata, "encrypted_regex"),
                metadata.path("mac_only_encrypted").asText("false").equalsIgnoreCase("true"));
    }

    private static Optional<Pattern> pattern(String file, ObjectNode metadata, String field) {
        String regex = metadata.path(field).asText("");
        if (regex.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new SopsException(file + ": sops." + field + " is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
