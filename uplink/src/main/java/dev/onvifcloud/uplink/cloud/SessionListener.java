package dev.onvifcloud.uplink.cloud;

/**
 * Told when cameras' sessions come up and go down; called on a network thread, must not block. When a
 * camera's new session replaces its old one, the new one's {@code sessionUp} comes first: keep state
 * per session, not per camera identity.
 */
public interface SessionListener {

    void sessionUp(UplinkSession session);

    void sessionDown(UplinkSession session);
}
