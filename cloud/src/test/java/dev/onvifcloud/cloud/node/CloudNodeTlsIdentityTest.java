package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.onvifcloud.cloud.node.PrivateCa.Leaf;
import dev.onvifcloud.cloud.node.PrivateCa.LeafSpec;
import dev.onvifcloud.cloud.node.TlsIdentityRejectedException.Reason;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.testing.SettableClock;
import dev.onvifcloud.uplink.TlsImplementation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** A node given its own TLS identity (key, chain from a private CA, anchor) serves it instead of minting one. */
class CloudNodeTlsIdentityTest {

    private static final PrivateCa CA = PrivateCa.create("Example");
    /** Birth certificates of another factory than any node's development PKI. */
    private static final DevelopmentPki FACTORY = DevelopmentPki.generate(Clock.systemUTC());

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}, {1} key")
    @CsvSource({"JDK, EC", "OPENSSL, EC", "OPENSSL, RSA"})
    void an_mcs_presents_exactly_the_given_chain_on_its_api_and_its_uplink(TlsImplementation tls, String key)
            throws Exception {
        Leaf leaf = CA.leaf("mcs", LeafSpec.server().keyAlgorithm(key));
        TlsIdentity identity = CA.identity(leaf);

        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("mcs")).tlsIdentity(identity)
                .settings(NodeSettings.loopback("mcs-own-tls").withTlsImplementation(tls))
                .role(ProvisioningRole.factory(Optional.empty(), List.of(FACTORY.manufacturerCaCertificate())))
                .build().start()) {
            assertThat(presentedChain(node.apiUri())).containsExactlyElementsOf(leaf.chain());
            assertThat(presentedChain(node.uplinkUri())).containsExactlyElementsOf(leaf.chain());
            assertThat(node.pki()).isEmpty();
            assertThat(node.tlsTrustAnchor()).isEqualTo(CA.root);
            assertThat(node.role(ProvisioningRole.class).orElseThrow().uplinkClientTrustAnchors())
                    .containsExactly(FACTORY.manufacturerCaCertificate());

            HttpClient http = HttpClient.newBuilder().sslContext(DevelopmentTrust.trusting(List.of(CA.root))).build();
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/.well-known/jwks.json"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(keys.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void an_ocs_sends_the_identitys_anchor_to_cameras_and_mints_nothing_though_it_has_a_development_pki() {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        Leaf leaf = CA.server("ocs");

        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("ocs")).pki(pki)
                .tlsIdentity(CA.identity(leaf)).settings(NodeSettings.loopback("ocs-own-tls").forLocalDevelopment())
                .role(OperationalRole.factory()).build().start()) {
            OperationalRole role = node.role(OperationalRole.class).orElseThrow();

            assertThat(role.service().settings().tlsCaCertificate()).isEqualTo(CA.root);
            assertThat(role.service().settings().httpTrustAnchors()).containsExactly(pki.localCaCertificate());
            assertThat(presentedChain(node.apiUri())).containsExactlyElementsOf(leaf.chain());
            assertThat(presentedChain(node.uplinkUri())).containsExactlyElementsOf(leaf.chain());
        }
    }

    @Test
    void outbound_calls_trust_the_given_anchors() {
        PrivateCa peers = PrivateCa.create("Peers");

        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("ocs"))
                .tlsIdentity(CA.identity(CA.server("ocs")))
                .settings(NodeSettings.loopback("ocs-trust").withOutboundTrust(OutboundTrust.anchors(
                        List.of(peers.root))))
                .role(OperationalRole.factory()).build().start()) {
            assertThat(node.role(OperationalRole.class).orElseThrow().service().settings().httpTrustAnchors())
                    .containsExactly(peers.root);
        }
    }

    @Test
    void refuses_to_build_when_the_leaf_does_not_name_the_public_host() throws Exception {
        NodeSettings elsewhere = new NodeSettings("mcs", InetAddress.getLoopbackAddress(), 0, 0, "mcs.example.com",
                Optional.empty(), List.of(), OutboundTrust.jdk(), TlsImplementation.defaultChoice());

        assertThat(reason(() -> mcs(CA.identity(CA.server("mcs"))).settings(elsewhere).build()))
                .isEqualTo(Reason.HOST_NOT_COVERED);
    }

    @Test
    void refuses_to_build_with_an_expired_leaf() {
        Instant now = Instant.now();
        Leaf expired = CA.leaf("old", LeafSpec.server().validity(now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1))));

        assertThat(reason(() -> mcs(CA.identity(expired)).build())).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void refuses_to_build_with_a_leaf_not_valid_yet() {
        Instant now = Instant.now();
        Leaf future = CA.leaf("new", LeafSpec.server().validity(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(60))));

        assertThat(reason(() -> mcs(CA.identity(future)).build())).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void warns_at_start_when_the_certificate_expires_within_two_weeks_and_not_earlier() {
        Instant now = Instant.now();
        Leaf soon = CA.leaf("soon", LeafSpec.server().validity(now.minus(Duration.ofDays(1)),
                now.plus(CloudNode.EXPIRY_WARNING).minus(Duration.ofHours(1))));
        Leaf later = CA.leaf("later", LeafSpec.server().validity(now.minus(Duration.ofDays(1)),
                now.plus(CloudNode.EXPIRY_WARNING).plus(Duration.ofDays(1))));

        assertThat(warningsAtStart(soon)).singleElement().asString()
                .contains("expires at " + soon.certificate().getNotAfter().toInstant(), "renew it and restart");
        assertThat(warningsAtStart(later)).isEmpty();
    }

    private List<String> warningsAtStart(Leaf leaf) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(CloudNode.class);
        log.start();
        logger.addAppender(log);
        try (CloudNode node = mcs(CA.identity(leaf)).dataDirectory(directory.resolve(leaf.certificate()
                .getSerialNumber().toString())).build().start()) {
            return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void refuses_to_start_once_the_leaf_expired_after_the_build() {
        Leaf leaf = CA.server("mcs");
        SettableClock clock = new SettableClock(Instant.now());
        CloudNode node = mcs(CA.identity(leaf)).clock(clock).build();
        clock.set(leaf.certificate().getNotAfter().toInstant().plusSeconds(1));

        assertThat(reason(node::start)).isEqualTo(Reason.EXPIRED);
        node.close();
    }

    @Test
    void a_node_without_a_development_pki_needs_an_identity_and_cannot_trust_the_development_ca() {
        assertThatThrownBy(() -> CloudNode.builder().dataDirectory(directory).role(OperationalRole.factory()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pki is required unless a tlsIdentity is given");
        assertThatThrownBy(() -> CloudNode.builder().dataDirectory(directory).tlsIdentity(CA.identity(CA.server("x")))
                .settings(NodeSettings.loopback("x").forLocalDevelopment()).role(OperationalRole.factory()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outbound trust in the development CA needs a pki");
    }

    @Test
    void a_provisioning_role_without_a_development_pki_needs_manufacturer_cas() {
        CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("mcs"))
                .tlsIdentity(CA.identity(CA.server("mcs"))).settings(NodeSettings.loopback("mcs"))
                .role(ProvisioningRole.factory(Optional.empty())).build();

        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("manufacturer CA certificates");
        assertThatThrownBy(() -> ProvisioningRole.factory(Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CloudNode.Builder mcs(TlsIdentity identity) {
        return CloudNode.builder().dataDirectory(directory.resolve("mcs")).tlsIdentity(identity)
                .settings(NodeSettings.loopback("mcs"))
                .role(ProvisioningRole.factory(Optional.empty(), List.of(FACTORY.manufacturerCaCertificate())));
    }

    private static Reason reason(Runnable action) {
        TlsIdentityRejectedException refused = catchThrowableOfType(TlsIdentityRejectedException.class, action::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.reason();
    }

    /**
     * The chain the server at {@code uri} sends, as a TLS client sees it before deciding whether to trust it. The
     * handshake may fail afterwards (an uplink asks for a client certificate): the chain came first.
     */
    private static List<X509Certificate> presentedChain(URI uri) {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain.clone());
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recording}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
                socket.startHandshake();
            } catch (IOException e) { // after the server's certificate: see above
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(seen.get()).as("the server's chain").isNotNull();
        return List.of(seen.get());
    }
}
