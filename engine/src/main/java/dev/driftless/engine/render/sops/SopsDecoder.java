package dev.driftless.engine.render.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.kustomize.ContentDecoder;
import dev.driftless.kustomize.KustomizeException;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decrypts the SOPS files of one render with an application's keys, and remembers whether it decrypted anything,
 * since such a render holds secrets and must not be cached. As a {@link ContentDecoder} it decrypts every file a
 * Kustomize build reads: resources, patches, and generator sources.
 */
public final class SopsDecoder implements ContentDecoder {

    private final SopsKeys keys;
    private final AtomicBoolean decrypted = new AtomicBoolean();

    public SopsDecoder(SopsKeys keys) {
        this.keys = keys;
    }

    @Override
    public byte[] decode(Path file, String shownAs, byte[] content) {
        try {
            return decrypt(file.getFileName().toString(), shownAs, content);
        } catch (SopsException e) {
            throw new KustomizeException(e.getMessage(), e);
        }
    }

    /**
     * The content decrypted when it is a SOPS document, else unchanged ({@link Sops#decrypt}).
     *
     * @throws SopsException naming {@code shownAs} and the reason
     */
    public byte[] decrypt(String fileName, String shownAs, byte[] content) {
        if (!Sops.isEncrypted(fileName, content)) {
            return content;
        }
        byte[] plaintext = Sops.decrypt(fileName, shownAs, content, keys);
        decrypted.set(true);
        return plaintext;
    }

    /**
     * A rendered object as it may be applied: a Secret's {@code data} values that are base64 of whole SOPS documents
     * are decrypted, as Flux does, each written in the format its key's name gives; and an object still holding a
     * SOPS-encrypted value (from a file whose SOPS metadata was lost) is refused rather than applied as ciphertext.
     *
     * @param origin names the object's file in messages
     * @throws SopsException naming the origin, the field and the reason
     */
    public ObjectNode decryptedObject(ObjectNode object, String origin) {
        ObjectNode decrypted = decryptSecretValues(object, origin);
        refuseCiphertext(decrypted, origin, "");
        return decrypted;
    }

    private ObjectNode decryptSecretValues(ObjectNode object, String origin) {
        if (!object.path("kind").asText().equals("Secret") || !(object.get("data") instanceof ObjectNode data)) {
            return object;
        }
        ObjectNode result = null;
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            byte[] value;
            try {
                value = Base64.getMimeDecoder().decode(entry.getValue().asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Sops.isEncrypted(entry.getKey(), value)) {
                byte[] plaintext = decrypt(entry.getKey(), origin + " (Secret " + object.path("metadata").path("name")
                        .asText() + ", data." + entry.getKey() + ")", value);
                result = result == null ? object.deepCopy() : result;
                ((ObjectNode) result.get("data")).put(entry.getKey(), Base64.getEncoder().encodeToString(plaintext));
            }
        }
        return result == null ? object : result;
    }

    private static void refuseCiphertext(JsonNode node, String origin, String path) {
        if (node.isTextual() && EncryptedValue.parse(node.asText()).isPresent()) {
            throw new SopsException(origin + ": " + path + " holds a SOPS-encrypted value (ENC[AES256_GCM,...]) outside"
                    + " any SOPS document that Driftless could decrypt; ciphertext is never applied");
        }
        if (node.isObject()) {
            node.properties().forEach(entry -> refuseCiphertext(entry.getValue(), origin,
                    path.isEmpty() ? entry.getKey() : path + "." + entry.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseCiphertext(node.get(i), origin, path + "[" + i + "]");
            }
        }
    }

    /** Whether anything was decrypted so far. */
    public boolean decryptedAny() {
        return decrypted.get();
    }
}
