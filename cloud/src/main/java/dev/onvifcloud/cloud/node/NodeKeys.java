package dev.onvifcloud.cloud.node;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node's signing keys, one per purpose ({@value #SHARE_TOKEN} for share tokens, an authorization server's token
 * key, ...), each an ES256 (P-256) private JWK in its own file {@code <purpose>.jwk} of the keys directory: generated
 * the first time it is asked for, written atomically, readable by the owner only, and the same on every later start.
 * The key id is the key's RFC 7638 thumbprint.
 */
public final class NodeKeys {

    /** The purpose of the key that signs the share tokens a Provisioning Cloud Service issues. */
    public static final String SHARE_TOKEN = "share-token";

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path directory;

    /** Keys in {@code directory} (created, owner only, if missing). */
    public NodeKeys(Path directory) {
        this.directory = SecretFiles.directory(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * The signing key for {@code purpose} (lower-case letters, digits and '-'), generated and stored on first use.
     *
     * @throws IllegalStateException when the stored file is not a private P-256 JWK
     */
    public ECKey signingKey(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be lower-case letters, digits and '-', not " + purpose);
        }
        Path file = directory.resolve(purpose + ".jwk");
        return SecretFiles.locked(directory, () -> {
            Optional<String> stored = SecretFiles.read(file);
            if (stored.isPresent()) {
                return parse(stored.get(), file);
            }
            ECKey key = generate();
            SecretFiles.writeNew(file, key.toJSONString() + "\n");
            return key;
        });
    }

    /** The directory the keys are in. */
    public Path directory() {
        return directory;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    private static ECKey parse(String json, Path file) {
        try {
            JWK jwk = JWK.parse(json.strip());
            if (jwk instanceof ECKey key && key.isPrivate() && Curve.P_256.equals(key.getCurve())
                    && key.getKeyID() != null) {
                return key;
            }
            throw new IllegalStateException(file + " is not a private P-256 JWK with a kid");
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK: " + e.getMessage(), e);
        }
    }
}
