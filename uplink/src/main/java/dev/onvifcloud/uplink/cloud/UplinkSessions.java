package dev.onvifcloud.uplink.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live sessions of an acceptor, one per camera identity. A new session of a camera replaces its
 * old one, which gets GOAWAY and is closed.
 */
public final class UplinkSessions {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkSessions.class);

    private final ConcurrentMap<CameraIdentity, UplinkSession> sessions = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    UplinkSessions() {
    }

    public Optional<UplinkSession> find(CameraIdentity identity) {
        return Optional.ofNullable(sessions.get(identity));
    }

    public Collection<UplinkSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a session; a previous session of the same camera is closed after the new one was announced,
     * so listeners see the successor's {@code sessionUp} before the predecessor's {@code sessionDown}.
     */
    void register(UplinkSession session) {
        UplinkSession previous = sessions.put(session.identity(), session);
        for (SessionListener l : listeners) {
            try {
                l.sessionUp(session);
            } catch (RuntimeException e) {
                LOG.warn("session listener failed for camera {}", session.identity(), e);
            }
        }
        session.closed().whenComplete((v, e) -> unregister(session));
        if (previous != null && previous != session) {
            LOG.info("camera {} opened a new uplink session; closing the previous one", session.identity());
            previous.close("replaced by a newer uplink session of the same camera");
        }
    }

    private void unregister(UplinkSession session) {
        sessions.remove(session.identity(), session);
        for (SessionListener l : listeners) {
            try {
                l.sessionDown(session);
            } catch (RuntimeException e) {
                LOG.warn("session listener failed for camera {}", session.identity(), e);
            }
        }
    }
}
