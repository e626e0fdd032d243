package dev.onvifcloud.uplink.device;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector builds its TLS context with the configured implementation (the handshake across implementations is
 * in {@code AcceptorTlsImplementationTest}).
 */
class ConnectorTlsImplementationTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static UplinkTransport transport;

    @BeforeAll
    static void threads() {
        transport = UplinkTransport.create(1);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static UplinkConnector.Builder camera() {
        return UplinkConnector.builder()
                .transport(transport)
                .remoteAddress("https://localhost:9/uplink")
                .trustAnchors(List.of(PKI.localCaCertificate()))
                .accessTokens(() -> CompletableFuture.completedFuture(new AccessToken("t", Optional.empty())))
                .userLevel(UserLevel.Operator)
                .requestHandler((request, level) -> CompletableFuture.completedFuture(UplinkResponse.status(404)))
                .cameraIdentity("SN-1");
    }

    @Test
    void uses_the_jdk_when_told_to() {
        try (UplinkConnector connector = camera().tlsImplementation(TlsImplementation.JDK).build()) {
            assertThat(connector.sslContext()).isInstanceOf(JdkSslContext.class);
        }
    }

    @Test
    void uses_openssl_when_told_to() {
        try (UplinkConnector connector = camera().tlsImplementation(TlsImplementation.OPENSSL).build()) {
            assertThat(connector.sslContext()).isInstanceOf(OpenSslContext.class);
        }
    }

    @Test
    void uses_openssl_by_default_where_it_loads() {
        try (UplinkConnector connector = camera().build()) {
            assertThat(connector.sslContext()).isInstanceOf(OpenSsl.isAvailable() ? OpenSslContext.class
                    : JdkSslContext.class);
        }
    }
}
