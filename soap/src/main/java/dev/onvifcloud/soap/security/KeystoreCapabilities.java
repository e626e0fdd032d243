package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.AttributeSet.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** tas:KeystoreCapabilities: the supported signature algorithms and the keystore attributes (MaximumNumberOfKeys, ...). */
public record KeystoreCapabilities(List<AlgorithmIdentifier> signatureAlgorithms, AttributeSet attributes) {

    static final Map<String, Type> TYPES = Map.ofEntries(
            Map.entry("MaximumNumberOfKeys", Type.POSITIVE_INTEGER),
            Map.entry("MaximumNumberOfCertificates", Type.POSITIVE_INTEGER),
            Map.entry("MaximumNumberOfCertificationPaths", Type.POSITIVE_INTEGER),
            Map.entry("SetCertPath", Type.BOOLEAN),
            Map.entry("RSAKeyPairGeneration", Type.BOOLEAN),
            Map.entry("ECCKeyPairGeneration", Type.BOOLEAN),
            Map.entry("KeyPairGeneration", Type.LIST),
            Map.entry("RSAKeyLengths", Type.LIST),
            Map.entry("EllipticCurves", Type.LIST),
            Map.entry("PKCS10ExternalCertificationWithRSA", Type.BOOLEAN),
            Map.entry("PKCS10", Type.BOOLEAN),
            Map.entry("SelfSignedCertificateCreationWithRSA", Type.BOOLEAN),
            Map.entry("SelfSignedCertificateCreation", Type.BOOLEAN),
            Map.entry("X509Versions", Type.LIST),
            Map.entry("MaximumNumberOfPassphrases", Type.NON_NEGATIVE_INTEGER),
            Map.entry("PKCS8RSAKeyPairUpload", Type.BOOLEAN),
            Map.entry("PKCS8", Type.BOOLEAN),
            Map.entry("PKCS12CertificateWithRSAPrivateKeyUpload", Type.BOOLEAN),
            Map.entry("PKCS12", Type.BOOLEAN),
            Map.entry("PasswordBasedEncryptionAlgorithms", Type.LIST),
            Map.entry("PasswordBasedMACAlgorithms", Type.LIST),
            Map.entry("MaximumNumberOfCRLs", Type.NON_NEGATIVE_INTEGER),
            Map.entry("MaximumNumberOfCertificationPathValidationPolicies", Type.NON_NEGATIVE_INTEGER),
            Map.entry("EnforceTLSWebClientAuthExtKeyUsage", Type.BOOLEAN),
            Map.entry("NoPrivateKeySharing", Type.BOOLEAN));

    public KeystoreCapabilities {
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        Objects.requireNonNull(attributes, "attributes").checked(TYPES);
    }
}
