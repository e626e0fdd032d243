package dev.onvifcloud.device.state;

import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A key in the keystore: a key pair the device generated (with private key), or a public key that came with an
 * uploaded certificate. While {@code generating} it holds no key yet. {@link #toString()} never shows key material.
 */
public record StoredKey(KeyID id, Optional<String> alias, KeyStatus status, Optional<PublicKey> publicKey,
                        Optional<PrivateKey> privateKey, boolean externallyGenerated) {

    public StoredKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (status == KeyStatus.OK && publicKey.isEmpty()) {
            throw new IllegalArgumentException("a key with status ok has a public key");
        }
        if (privateKey.isPresent() && publicKey.isEmpty()) {
            throw new IllegalArgumentException("a private key needs its public key");
        }
    }

    /** A key whose generation has started. */
    public static StoredKey generating(KeyID id, Optional<String> alias) {
        return new StoredKey(id, alias, KeyStatus.GENERATING, Optional.empty(), Optional.empty(), false);
    }

    /** A complete key pair generated on the device. */
    public static StoredKey keyPair(KeyID id, Optional<String> alias, KeyPair keyPair) {
        return new StoredKey(id, alias, KeyStatus.OK, Optional.of(keyPair.getPublic()),
                Optional.of(keyPair.getPrivate()), false);
    }

    /** A public key only, from an uploaded certificate. */
    public static StoredKey publicOnly(KeyID id, Optional<String> alias, PublicKey publicKey) {
        return new StoredKey(id, alias, KeyStatus.OK, Optional.of(publicKey), Optional.empty(), true);
    }

    /** This key marked corrupt (generation failed or was interrupted). */
    public StoredKey corrupt() {
        return new StoredKey(id, alias, KeyStatus.CORRUPT, publicKey, privateKey, externallyGenerated);
    }

    /** The key pair, when the private key is present. */
    public Optional<KeyPair> keyPair() {
        return privateKey.map(p -> new KeyPair(publicKey.orElseThrow(), p));
    }

    /** Whether the public key is the same as {@code other}. */
    public boolean hasPublicKey(PublicKey other) {
        return publicKey.isPresent() && Arrays.equals(publicKey.get().getEncoded(), other.getEncoded());
    }

    @Override
    public String toString() {
        return "StoredKey[id=" + id + ", status=" + status.wireValue() + ", privateKey="
                + (privateKey.isPresent() ? "present" : "absent") + "]";
    }
}
