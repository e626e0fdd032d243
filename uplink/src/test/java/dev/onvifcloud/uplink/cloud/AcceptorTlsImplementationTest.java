package dev.onvifcloud.uplink.cloud;

import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.device.UplinkConnector;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSslContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptor builds its TLS context with the configured implementation, and a camera on the other one still
 * connects: a real mutual-TLS handshake across OpenSSL and the JDK, an upgrade and a request through the tunnel.
 */
class AcceptorTlsImplementationTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static UplinkTransport transport;

    @BeforeAll
    static void threads() {
        transport = UplinkTransport.create(2);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    @ParameterizedTest(name = "cloud {0}, camera {1}")
    @CsvSource({"JDK, OPENSSL", "OPENSSL, JDK"})
    void serves_a_camera_that_uses_the_other_implementation(TlsImplementation cloudTls, TlsImplementation cameraTls)
            throws Exception {
        String serial = "SN-TLS-" + cloudTls;
        try (UplinkAcceptor acceptor = UplinkAcceptor.builder()
                .transport(transport)
                .tlsImplementation(cloudTls)
                .serverCredential(credential(PKI.issueServerCertificate("localhost")))
                .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(c ->
                        BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                .build()
                .start();
             UplinkConnector camera = UplinkConnector.builder()
                     .transport(transport)
                     .tlsImplementation(cameraTls)
                     .remoteAddress("https://localhost:" + acceptor.localAddress().getPort() + "/uplink")
                     .trustAnchors(List.of(PKI.localCaCertificate()))
                     .clientCredential(credential(PKI.issueBirthCertificate("Acme", "Cam", serial)))
                     .userLevel(UserLevel.Operator)
                     .requestHandler((request, level) -> CompletableFuture.completedFuture(UplinkResponse.of(200,
                             UplinkHeaders.empty(), UplinkBody.utf8("served " + request.path()))))
                     .cameraIdentity(serial)
                     .build()) {
            camera.start();
            UplinkSession session = await().atMost(Duration.ofSeconds(30)).until(() -> acceptor.sessions()
                    .find(new CameraIdentity(serial)).filter(UplinkSession::isOpen).orElse(null), s -> s != null);

            UplinkResponse response = session.send(UplinkRequest.get("/ping")).orTimeout(30, TimeUnit.SECONDS).join();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().readUtf8()).isEqualTo("served /ping");
            assertThat(acceptor.sslContext()).isInstanceOf(cloudTls == TlsImplementation.JDK ? JdkSslContext.class
                    : OpenSslContext.class);
        }
    }
}
