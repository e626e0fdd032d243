package dev.onvifcloud.uplink;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain (leaf first): the cloud's TLS server credential, or the
 * camera's client credential for mTLS.
 */
public record TlsCredential(PrivateKey privateKey, List<X509Certificate> chain) {

    public TlsCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "TlsCredential[" + certificate().getSubjectX500Principal() + "]";
    }
}
