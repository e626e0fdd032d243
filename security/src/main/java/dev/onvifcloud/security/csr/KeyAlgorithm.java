package dev.onvifcloud.security.csr;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** Key pairs a device or a cloud can generate for a certification request, with the JDK's providers. */
public enum KeyAlgorithm {
    EC_P256(KeyType.EC_P256, "EC", new ECGenParameterSpec("secp256r1")),
    EC_P384(KeyType.EC_P384, "EC", new ECGenParameterSpec("secp384r1")),
    RSA_2048(KeyType.rsa(2048), "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
    RSA_3072(KeyType.rsa(3072), "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
    RSA_4096(KeyType.rsa(4096), "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4));

    /** What to use when there is no reason to choose: EC P-256, small and fast. */
    public static final KeyAlgorithm DEFAULT = EC_P256;

    private final KeyType keyType;
    private final String jcaName;
    private final AlgorithmParameterSpec parameters;

    KeyAlgorithm(KeyType keyType, String jcaName, AlgorithmParameterSpec parameters) {
        this.keyType = keyType;
        this.jcaName = jcaName;
        this.parameters = parameters;
    }

    /** The type of the keys this generates. */
    public KeyType keyType() {
        return keyType;
    }

    /** A fresh key pair from the JDK's default strong-enough randomness. */
    public KeyPair generate() {
        return generate(new SecureRandom());
    }

    /** A fresh key pair using {@code random}. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            generator.initialize(parameters, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + keyType + " keys", e);
        }
    }
}
