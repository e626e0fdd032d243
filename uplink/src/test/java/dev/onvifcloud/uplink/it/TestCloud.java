package dev.onvifcloud.uplink.it;

import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.AuthenticationResult.Rejection;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkSession;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * A cloud for the tests. Tokens: {@code token-<id>} is camera {@code id}, {@code expired-...} expired,
 * anything else invalid. Client certificates from the development manufacturer CA are cameras named by
 * their serial number.
 */
final class TestCloud implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    static final UplinkAuthenticator AUTHENTICATOR = UplinkAuthenticator.accessTokens(token -> {
        if (token.startsWith("token-")) {
            return AuthenticationResult.accepted(token.substring("token-".length()));
        }
        return AuthenticationResult.rejected(token.startsWith("expired-") ? Rejection.EXPIRED_TOKEN
                : Rejection.INVALID_TOKEN);
    }).orElse(UplinkAuthenticator.clientCertificates(c -> BirthCertificate.serialNumber(c).map(CameraIdentity::new)));

    final UplinkAcceptor acceptor;
    private final List<String> events;

    private TestCloud(UplinkAcceptor acceptor, List<String> events) {
        this.acceptor = acceptor;
        this.events = events;
    }

    static TestCloud start(UplinkTransport transport) {
        return start(transport, b -> b);
    }

    static TestCloud start(UplinkTransport transport, UnaryOperator<UplinkAcceptor.Builder> custom) {
        List<String> events = new CopyOnWriteArrayList<>();
        UplinkAcceptor.Builder builder = UplinkAcceptor.builder()
                .transport(transport)
                .serverCredential(TestPki.CLOUD)
                .clientTrustAnchors(List.of(TestPki.PKI.manufacturerCaCertificate()))
                .authenticator(AUTHENTICATOR)
                .requestTimeout(PATIENCE)
                .sessionListener(new SessionListener() {
                    @Override
                    public void sessionUp(UplinkSession session) {
                        events.add("up " + session.identity());
                    }

                    @Override
                    public void sessionDown(UplinkSession session) {
                        events.add("down " + session.identity());
                    }
                });
        return new TestCloud(custom.apply(builder).build().start(), events);
    }

    /** Session up/down events, in order. */
    List<String> events() {
        return events;
    }

    int port() {
        return acceptor.localAddress().getPort();
    }

    InetSocketAddress address() {
        return acceptor.localAddress();
    }

    String url() {
        return "https://localhost:" + port() + "/uplink";
    }

    UplinkSession awaitSession(String camera) {
        return await().atMost(PATIENCE).until(
                () -> acceptor.sessions().find(new CameraIdentity(camera)).filter(UplinkSession::isOpen).orElse(null),
                s -> s != null);
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
