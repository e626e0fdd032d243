package dev.onvifcloud.cloud.node;

import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's one uplink acceptor shared by its roles: one authenticator that asks each role's in turn (the next when
 * the previous found no credentials of its kind), and one session listener that tells each session to the listeners
 * of the role that accepted it, and to no other.
 */
final class UplinkRouting implements SessionListener {

    private final List<NodeRole> roles;
    /** Which role accepted the camera identity last; a session comes up after its authentication. */
    private final Map<String, NodeRole> acceptedBy = new ConcurrentHashMap<>();

    UplinkRouting(List<NodeRole> roles) {
        this.roles = List.copyOf(roles);
    }

    /** The chained authenticator, or empty when no role accepts uplinks. */
    Optional<UplinkAuthenticator> authenticator() {
        List<UplinkAuthenticator> chain = new ArrayList<>();
        for (NodeRole role : roles) {
            role.uplinkAuthenticator().ifPresent(authenticator -> chain.add(credentials ->
                    authenticator.authenticate(credentials).thenApply(result -> {
                        if (result instanceof AuthenticationResult.Accepted accepted) {
                            acceptedBy.put(accepted.identity().value(), role);
                        }
                        return result;
                    })));
        }
        return chain.stream().reduce(UplinkAuthenticator::orElse);
    }

    @Override
    public void sessionUp(UplinkSession session) {
        roleOf(session).ifPresent(role -> role.sessionListeners().forEach(listener -> listener.sessionUp(session)));
    }

    @Override
    public void sessionDown(UplinkSession session) {
        roleOf(session).ifPresent(role -> role.sessionListeners().forEach(listener -> listener.sessionDown(session)));
    }

    private Optional<NodeRole> roleOf(UplinkSession session) {
        return Optional.ofNullable(acceptedBy.get(session.identity().value()));
    }
}
