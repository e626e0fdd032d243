package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * TLS contexts for both ends: TLS 1.3/1.2 only, certificates checked against explicit trust anchors, with the
 * {@link TlsImplementation} chosen (OpenSSL or the JDK; the checks are the same with both). Each call builds a
 * new context: a camera keeps its own, so no TLS session is ever resumed across cameras.
 */
public final class TlsContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * The camera's context: the cloud's certificate must chain to one of {@code trustAnchors} and match
     * the host name per RFC 6125 (endpoint identification "HTTPS").
     */
    public static SslContext camera(List<X509Certificate> trustAnchors, Optional<TlsCredential> clientCredential)
            throws SSLException {
        return camera(TlsImplementation.defaultChoice(), trustAnchors, clientCredential);
    }

    /** {@link #camera(List, Optional)} with the given TLS implementation. */
    public static SslContext camera(TlsImplementation implementation, List<X509Certificate> trustAnchors,
                                    Optional<TlsCredential> clientCredential) throws SSLException {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(implementation.sslProvider())
                .protocols(PROTOCOLS)
                .trustManager(trustAnchors)
                .endpointIdentificationAlgorithm("HTTPS");
        clientCredential.ifPresent(c -> builder.keyManager(c.privateKey(), c.chain()));
        return builder.build();
    }

    /**
     * The cloud's context. With client trust anchors, a client certificate is requested (not required,
     * so cameras using access tokens can connect too); a presented certificate that does not chain to
     * the anchors fails the handshake.
     */
    public static SslContext cloud(TlsCredential serverCredential, List<X509Certificate> clientTrustAnchors)
            throws SSLException {
        return cloud(TlsImplementation.defaultChoice(), serverCredential, clientTrustAnchors);
    }

    /** {@link #cloud(TlsCredential, List)} with the given TLS implementation. */
    public static SslContext cloud(TlsImplementation implementation, TlsCredential serverCredential,
                                   List<X509Certificate> clientTrustAnchors) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(serverCredential.privateKey(), serverCredential.chain())
                .sslProvider(implementation.sslProvider())
                .protocols(PROTOCOLS);
        if (!clientTrustAnchors.isEmpty()) {
            builder.trustManager(clientTrustAnchors).clientAuth(ClientAuth.OPTIONAL);
        }
        return builder.build();
    }
}
