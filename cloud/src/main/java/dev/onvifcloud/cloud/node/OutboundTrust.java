package dev.onvifcloud.cloud.node;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Which certification authorities a node's outbound HTTPS calls trust (an OCS calling a PCS's
 * {@code startDeviceSharing}, a PCS delivering {@code deviceSharingCompleted}): the JDK's trust anchors, the
 * development PKI's local CA, or CA certificates given explicitly (a CA bundle).
 */
public sealed interface OutboundTrust {

    /** The JDK's trust anchors ({@code cacerts}): for peers with publicly trusted certificates. */
    static OutboundTrust jdk() {
        return new Jdk();
    }

    /** The development PKI's local CA only: for peers whose certificates come from the same development PKI. */
    static OutboundTrust developmentCa() {
        return new DevelopmentCa();
    }

    /** These CA certificates only, instead of the JDK's. */
    static OutboundTrust anchors(List<X509Certificate> certificates) {
        return new Anchors(certificates);
    }

    /** The anchors to use; empty for the JDK's. */
    Optional<List<X509Certificate>> anchors(Optional<X509Certificate> developmentCa);

    /** The JDK's trust anchors. */
    record Jdk() implements OutboundTrust {
        @Override
        public Optional<List<X509Certificate>> anchors(Optional<X509Certificate> developmentCa) {
            return Optional.empty();
        }
    }

    /** The development PKI's local CA. */
    record DevelopmentCa() implements OutboundTrust {
        /** @throws IllegalStateException without a development PKI */
        @Override
        public Optional<List<X509Certificate>> anchors(Optional<X509Certificate> developmentCa) {
            return Optional.of(List.of(developmentCa.orElseThrow(() -> new IllegalStateException(
                    "outbound HTTPS is to trust the development CA, but the node has no development PKI"))));
        }
    }

    /** @param certificates at least one CA certificate */
    record Anchors(List<X509Certificate> certificates) implements OutboundTrust {
        public Anchors {
            certificates = List.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("at least one trust anchor is required");
            }
        }

        @Override
        public Optional<List<X509Certificate>> anchors(Optional<X509Certificate> developmentCa) {
            return Optional.of(certificates);
        }
    }
}
