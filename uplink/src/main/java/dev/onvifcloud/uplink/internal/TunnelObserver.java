package dev.onvifcloud.uplink.internal;

/** What the pipeline of one tunnel connection reports to its owner. Called on the event loop. */
public interface TunnelObserver {

    /** The upgrade completed: the connection now speaks HTTP/2. */
    void upgraded();

    /** Something went wrong (the connection is usually closed right after); a human-readable reason. */
    void problem(String reason);

    TunnelObserver NONE = new TunnelObserver() {
        @Override
        public void upgraded() {
        }

        @Override
        public void problem(String reason) {
        }
    };
}
