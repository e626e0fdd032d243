package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.internal.TlsLoopback.Handshake;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The camera's and the cloud's contexts do the same checks with OpenSSL (BoringSSL) as with the JDK: real
 * handshakes over loopback, each test run with both implementations.
 */
class TlsContextsTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    /** Another development PKI: its CAs have the same names as {@link #PKI}'s, but other keys. */
    private static final DevelopmentPki STRANGER = DevelopmentPki.generate(Clock.systemUTC());
    private static final TlsCredential CLOUD = credential(PKI.issueServerCertificate("cloud.test"));

    private final TlsLoopback loopback = new TlsLoopback();

    @AfterEach
    void stop() {
        loopback.close();
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    /** The trust manager refused the peer's certificate (not, say, a protocol or I/O failure). */
    private static void causedByACertificateCheck(Throwable handshakeFailure) {
        assertThat(Stream.iterate(handshakeFailure, Objects::nonNull, Throwable::getCause))
                .anyMatch(CertificateException.class::isInstance);
    }

    private static SslContext camera(TlsImplementation implementation) throws Exception {
        return TlsContexts.camera(implementation, List.of(PKI.localCaCertificate()), Optional.empty());
    }

    private static SslContext cloud(TlsImplementation implementation, TlsCredential credential) throws Exception {
        return TlsContexts.cloud(implementation, credential, List.of(PKI.manufacturerCaCertificate()));
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void contexts_are_built_with_the_chosen_implementation(TlsImplementation implementation) throws Exception {
        Class<?> expected = implementation == TlsImplementation.OPENSSL ? OpenSslContext.class : JdkSslContext.class;
        assertThat(camera(implementation)).isInstanceOf(expected);
        assertThat(cloud(implementation, CLOUD)).isInstanceOf(expected);
    }

    @Test
    void the_default_contexts_use_openssl_where_it_loads() throws Exception {
        assertThat(TlsContexts.camera(List.of(PKI.localCaCertificate()), Optional.empty()))
                .isInstanceOf(OpenSslContext.class);
        assertThat(TlsContexts.cloud(CLOUD, List.of())).isInstanceOf(OpenSslContext.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void enable_only_tls_1_3_and_1_2(TlsImplementation implementation) throws Exception {
        for (SslContext context : List.of(camera(implementation), cloud(implementation, CLOUD))) {
            // OpenSSL's engine also lists the SSLv2Hello pseudo-protocol, a ClientHello format, not a version
            assertThat(Arrays.stream(context.newEngine(ByteBufAllocator.DEFAULT).getEnabledProtocols())
                    .filter(p -> !p.equals("SSLv2Hello")))
                    .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void camera_connects_to_a_cloud_certificate_that_names_the_host(TlsImplementation implementation)
            throws Exception {
        int port = loopback.serve(cloud(implementation, CLOUD));

        Handshake camera = loopback.connect(camera(implementation), "localhost", port);

        assertThat(camera.protocol()).isEqualTo("TLSv1.3");
        assertThat(camera.peerCertificates()).first().isEqualTo(CLOUD.certificate());
        assertThat(loopback.nextAccepted().peerCertificates()).isEmpty(); // no client certificate: still accepted
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void camera_and_cloud_fall_back_to_tls_1_2_with_a_peer_that_offers_only_it(TlsImplementation implementation)
            throws Exception {
        int port = loopback.serve(cloud(implementation, CLOUD));
        SslContext tls12Only = SslContextBuilder.forClient().sslProvider(implementation.sslProvider())
                .protocols("TLSv1.2").trustManager(PKI.localCaCertificate()).build();

        assertThat(loopback.connect(tls12Only, "localhost", port).protocol()).isEqualTo("TLSv1.2");
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void camera_refuses_a_cloud_certificate_for_another_host_name(TlsImplementation implementation)
            throws Exception {
        TlsCredential elsewhere = credential(PKI.issueServerCertificate("elsewhere",
                List.of("elsewhere.example"), List.of()));
        int port = loopback.serve(cloud(implementation, elsewhere));

        assertThatThrownBy(() -> loopback.connect(camera(implementation), "localhost", port))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .satisfies(TlsContextsTest::causedByACertificateCheck);
        assertThatThrownBy(loopback::nextAccepted).isInstanceOf(ExecutionException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void camera_refuses_a_cloud_certificate_without_the_ip_address_it_connects_to(TlsImplementation implementation)
            throws Exception {
        TlsCredential namesOnly = credential(PKI.issueServerCertificate("named", List.of("localhost"), List.of()));
        int port = loopback.serve(cloud(implementation, namesOnly));

        assertThat(loopback.connect(camera(implementation), "localhost", port).protocol()).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> loopback.connect(camera(implementation), "127.0.0.1", port))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .satisfies(TlsContextsTest::causedByACertificateCheck);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void camera_refuses_a_cloud_certificate_from_another_ca_of_the_same_name(TlsImplementation implementation)
            throws Exception {
        int port = loopback.serve(cloud(implementation, credential(STRANGER.issueServerCertificate("cloud.test"))));

        assertThatThrownBy(() -> loopback.connect(camera(implementation), "localhost", port))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .satisfies(TlsContextsTest::causedByACertificateCheck);
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void cloud_sees_a_client_certificate_from_the_client_anchors(TlsImplementation implementation)
            throws Exception {
        IssuedCredential birth = PKI.issueBirthCertificate("Acme", "Cam-9", "SN-TLS-1");
        int port = loopback.serve(cloud(implementation, CLOUD));
        SslContext camera = TlsContexts.camera(implementation, List.of(PKI.localCaCertificate()),
                Optional.of(credential(birth)));

        loopback.connect(camera, "localhost", port);

        Handshake seen = loopback.nextAccepted();
        assertThat(seen.peerCertificates()).first().isEqualTo(birth.certificate());
        assertThat(BirthCertificate.serialNumber((X509Certificate) seen.peerCertificates().get(0)))
                .contains("SN-TLS-1");
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void cloud_refuses_a_client_certificate_from_another_ca_of_the_same_name(TlsImplementation implementation)
            throws Exception {
        IssuedCredential rogue = STRANGER.issueBirthCertificate("Acme", "Cam-9", "SN-ROGUE");
        int port = loopback.serve(cloud(implementation, CLOUD));
        SslContext camera = TlsContexts.camera(implementation, List.of(PKI.localCaCertificate()),
                Optional.of(credential(rogue)));

        try {
            loopback.connect(camera, "localhost", port);
        } catch (ExecutionException expected) {
            // with TLS 1.2 the camera sees the refusal in the handshake; with TLS 1.3 only after it
        }

        assertThatThrownBy(loopback::nextAccepted)
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void openssl_camera_resumes_its_own_session_but_never_another_cameras() throws Exception {
        int port = loopback.serve(cloud(TlsImplementation.OPENSSL, CLOUD));
        SslContext first = camera(TlsImplementation.OPENSSL);
        SslContext second = camera(TlsImplementation.OPENSSL);

        Handshake initial = loopback.connect(first, "localhost", port);
        assertThat(initial.resumed()).contains(false);
        TlsLoopback.exchangeAndClose(initial);

        // a camera reconnecting to the same cloud (same context, host and port) may resume: realistic
        Handshake again = loopback.connect(first, "localhost", port);
        assertThat(again.resumed()).contains(true);
        TlsLoopback.exchangeAndClose(again);

        // another camera has its own context: a full handshake, whatever the first one holds
        Handshake other = loopback.connect(second, "localhost", port);
        assertThat(other.resumed()).contains(false);
    }
}
