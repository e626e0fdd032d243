package dev.onvifcloud.uplink.cloud;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a camera presented with its upgrade request.
 *
 * @param accessToken             the bearer token, from {@code Authorization: Bearer} or the
 *                                {@code access_token} query parameter (RFC 6750 2.1 / 2.3)
 * @param clientCertificateChain  the TLS client certificate chain, leaf first, already verified by TLS
 *                                against the acceptor's client trust anchors; empty without mTLS
 */
public record UplinkCredentials(Optional<String> accessToken, List<X509Certificate> clientCertificateChain) {

    public UplinkCredentials {
        Objects.requireNonNull(accessToken, "accessToken");
        clientCertificateChain = List.copyOf(clientCertificateChain);
    }

    public Optional<X509Certificate> clientCertificate() {
        return clientCertificateChain.isEmpty() ? Optional.empty() : Optional.of(clientCertificateChain.get(0));
    }

    @Override
    public String toString() {
        return "UplinkCredentials[accessToken=" + (accessToken.isPresent() ? "present" : "absent")
                + ", clientCertificate=" + clientCertificate().map(c -> c.getSubjectX500Principal().getName())
                .orElse("absent") + "]";
    }
}
