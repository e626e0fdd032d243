package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One role of a cloud node: the provisioning role (an MCS/PCS: claims, share tokens, {@code startDeviceSharing},
 * the sharing worker), the operational role (an OCS: adding cameras, {@code deviceSharingCompleted}, the
 * authorization server), or both on one node. A {@link Factory} creates the role from the node's
 * {@link NodeContext} once the database is open and the URLs are known; the role then contributes:
 * <ul>
 *   <li>{@link #routes()} on the node's one HTTPS API server (paths must not collide between roles);</li>
 *   <li>an {@link #uplinkAuthenticator()} for the node's one uplink acceptor: the roles' authenticators are tried in
 *   role order, the next one when the previous found no credentials of its kind (mTLS birth certificate, then an
 *   access token, ...);</li>
 *   <li>{@link #uplinkClientTrustAnchors()}, the anchors for cameras' client certificates (the manufacturer CA);</li>
 *   <li>{@link #sessionListeners()}, told of exactly the uplink sessions that this role's authenticator
 *   accepted;</li>
 *   <li>a lifecycle: {@link #start()} once the node listens (start workers), {@link #close()} once it stopped
 *   listening (stop workers, release what the role holds).</li>
 * </ul>
 */
public interface NodeRole extends AutoCloseable {

    /** Creates a role for a node. */
    @FunctionalInterface
    interface Factory {
        NodeRole create(NodeContext context);
    }

    /** A short name for logs: {@code provisioning}, {@code operational}. */
    String name();

    default List<Route> routes() {
        return List.of();
    }

    default Optional<UplinkAuthenticator> uplinkAuthenticator() {
        return Optional.empty();
    }

    default List<X509Certificate> uplinkClientTrustAnchors() {
        return List.of();
    }

    default List<SessionListener> sessionListeners() {
        return List.of();
    }

    /** Called once the API server and the uplink acceptor listen. */
    default void start() {
    }

    /** Called once the API server and the uplink acceptor are closed; must not throw. */
    @Override
    default void close() {
    }
}
