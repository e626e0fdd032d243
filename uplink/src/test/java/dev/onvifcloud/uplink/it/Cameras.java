package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import dev.onvifcloud.uplink.device.UplinkConnector;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/** Connectors for the tests: fast reconnects, trust in the development local CA. */
final class Cameras {

    static final ReconnectSchedule FAST = new ReconnectSchedule(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(800), 0.1);

    private Cameras() {
    }

    /** A camera that authenticates with the token {@code token-<id>}. */
    static UplinkConnector.Builder withToken(UplinkTransport transport, String url, String id,
                                             UplinkRequestHandler handler) {
        return base(transport, url, id, handler)
                .accessTokens(() -> CompletableFuture.completedFuture(new AccessToken("token-" + id, Optional.empty())));
    }

    static UplinkConnector.Builder base(UplinkTransport transport, String url, String id, UplinkRequestHandler handler) {
        return UplinkConnector.builder()
                .transport(transport)
                .remoteAddress(url)
                .trustAnchors(TestPki.cloudTrust())
                .userLevel(UserLevel.Operator)
                .requestHandler(handler)
                .cameraIdentity(id)
                .reconnectSchedule(FAST)
                .connectTimeout(Duration.ofSeconds(10));
    }

    static UplinkStatus awaitStatus(UplinkConnector connector, java.util.function.Predicate<UplinkStatus> condition) {
        return await().atMost(TestCloud.PATIENCE).until(connector::status, condition);
    }
}
