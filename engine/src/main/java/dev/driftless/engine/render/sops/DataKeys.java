package dev.driftless.engine.render.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recovers a document's data key (32 bytes for AES-256-GCM) from its age or OpenPGP stanzas with the keys held.
 */
final class DataKeys {

    private static final int DATA_KEY_BYTES = 32;

    private DataKeys() {
    }

    static byte[] recover(String file, SopsMetadata metadata, SopsKeys keys) {
        if (metadata.keyGroups()) {
            throw new SopsException(file + ": the data key is split over key_groups (Shamir's secret sharing),"
                    + " which is not supported");
        }
        if (metadata.ageStanzas().isEmpty() && metadata.pgpStanzas().isEmpty()) {
            throw new SopsException(file + ": encrypted only for key sources Driftless cannot use ("
                    + String.join(", ", metadata.otherKeySources()) + "); only age and PGP keys are available");
        }
        if (keys.isEmpty()) {
            throw new SopsException(file + ": is encrypted with SOPS but no SOPS keys are configured; it was"
                    + " encrypted for " + recipients(metadata));
        }
        Optional<byte[]> dataKey = fromAge(metadata, keys).or(() -> fromPgp(metadata, keys));
        byte[] key = dataKey.orElseThrow(() -> new SopsException(file + ": none of the "
                + keys.ageIdentities().size() + " age identities and " + keys.pgpPrivateKeys().size()
                + " PGP keys given decrypts it; it was encrypted for " + recipients(metadata)));
        if (key.length != DATA_KEY_BYTES) {
            throw new SopsException(file + ": the data key has " + key.length + " bytes, not " + DATA_KEY_BYTES);
        }
        return key;
    }

    private static String recipients(SopsMetadata metadata) {
        List<String> recipients = new ArrayList<>();
        metadata.ageStanzas().forEach(stanza -> recipients.add("age " + stanza.recipient()));
        metadata.pgpStanzas().forEach(stanza -> recipients.add("PGP " + stanza.fingerprint()));
        metadata.otherKeySources().forEach(source -> recipients.add(source + " (not available)"));
        return String.join(", ", recipients);
    }

    private static Optional<byte[]> fromAge(SopsMetadata metadata, SopsKeys keys) {
        if (keys.ageIdentities().isEmpty()) {
            return Optional.empty();
        }
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (String identity : keys.ageIdentities()) {
            readers.add(ageReader(identity));
        }
        for (SopsMetadata.AgeStanza stanza : metadata.ageStanzas()) {
            Optional<byte[]> key = ageFileKey(stanza.armoredFileKey(), readers);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private static RecipientStanzaReader ageReader(String identity) {
        if (HybridAgeIdentity.isHybrid(identity)) {
            return HybridAgeIdentity.parse(identity);
        }
        try {
            return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity);
        } catch (GeneralSecurityException e) {
            throw new SopsException("an age identity was refused by the X25519 reader", e);
        }
    }

    /** The payload of an armored age file, when one of the identities opens it. */
    private static Optional<byte[]> ageFileKey(String armored, List<RecipientStanzaReader> readers) {
        ReadableByteChannel input = Channels.newChannel(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)));
        try (ReadableByteChannel decrypted = new ArmoredDecryptingChannelFactory().newDecryptingChannel(input, readers);
             InputStream in = Channels.newInputStream(decrypted)) {
            return Optional.of(in.readAllBytes());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // No identity opens this stanza: another stanza may still open.
            return Optional.empty();
        }
    }

    private static Optional<byte[]> fromPgp(SopsMetadata metadata, SopsKeys keys) {
        if (keys.pgpPrivateKeys().isEmpty()) {
            return Optional.empty();
        }
        List<PGPSecretKeyRingCollection> rings = keys.pgpKeyRings();
        for (SopsMetadata.PgpStanza stanza : metadata.pgpStanzas()) {
            Optional<byte[]> key = pgpDataKey(stanza.armoredMessage(), rings);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> pgpDataKey(String armored, List<PGPSecretKeyRingCollection> rings) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            Object first = new BcPGPObjectFactory(in).nextObject();
            PGPEncryptedDataList list = first instanceof PGPEncryptedDataList encrypted
                    ? encrypted : (PGPEncryptedDataList) new BcPGPObjectFactory(in).nextObject();
            for (Object item : list) {
                if (item instanceof PGPPublicKeyEncryptedData data) {
                    Optional<PGPPrivateKey> privateKey = privateKey(rings, data.getKeyID());
                    if (privateKey.isPresent()) {
                        return Optional.of(literal(data, privateKey.get()));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | PGPException | RuntimeException e) {
            // A malformed or unmatched message: another stanza may still open.
            return Optional.empty();
        }
    }

    private static Optional<PGPPrivateKey> privateKey(List<PGPSecretKeyRingCollection> rings, long keyId)
            throws PGPException {
        for (PGPSecretKeyRingCollection collection : rings) {
            PGPSecretKey secretKey = collection.getSecretKey(keyId);
            if (secretKey != null) {
                return Optional.of(secretKey.extractPrivateKey(null));
            }
        }
        return Optional.empty();
    }

    private static byte[] literal(PGPPublicKeyEncryptedData data, PGPPrivateKey privateKey)
            throws PGPException, IOException {
        Object message = new BcPGPObjectFactory(data.getDataStream(new BcPublicKeyDataDecryptorFactory(privateKey)))
                .nextObject();
        if (message instanceof PGPCompressedData compressed) {
            message = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (!(message instanceof PGPLiteralData literal)) {
            throw new PGPException("the PGP message holds no literal data");
        }
        byte[] content = literal.getInputStream().readAllBytes();
        if (data.isIntegrityProtected() && !data.verify()) {
            throw new PGPException("the PGP message fails its integrity check");
        }
        return content;
    }
}
