package dev.onvifcloud.security.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first, ending with the issuing CA's certificate.
 *
 * @param privateKey the leaf's private key
 * @param chain the leaf certificate followed by its issuer(s); never empty
 */
public record IssuedCredential(PrivateKey privateKey, List<X509Certificate> chain) {

    /** Alias of the key entry in {@link #toKeyStore(char[])}. */
    public static final String KEY_STORE_ALIAS = "credential";

    public IssuedCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
    }

    /** The leaf certificate, {@code chain().get(0)}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain as PEM "CERTIFICATE" blocks, leaf first. */
    public String certificateChainPem() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(Pem.encode("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode a certificate", e);
            }
        }
        return pem.toString();
    }

    /** The private key as an unencrypted PKCS#8 PEM "PRIVATE KEY" block: keep it out of logs and version control. */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    /**
     * An in-memory PKCS#12 key store holding this credential under {@link #KEY_STORE_ALIAS}, ready for a JDK
     * {@code KeyManagerFactory}.
     */
    public KeyStore toKeyStore(char[] password) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry(KEY_STORE_ALIAS, privateKey, password, chain.toArray(X509Certificate[]::new));
            return keyStore;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory PKCS#12 key store", e);
        }
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
