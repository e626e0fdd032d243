package dev.onvifcloud.uplink;

import java.util.concurrent.CompletionStage;

/**
 * Serves requests that arrive through an uplink (on the camera). Called on a worker thread, never on a
 * network thread, so it may block, for example to read the request body.
 */
@FunctionalInterface
public interface UplinkRequestHandler {

    /**
     * @param request the request, whose body may still be arriving
     * @param level   the user level configured for the uplink the request came through
     * @return the response; a failed stage becomes {@code 500}
     */
    CompletionStage<UplinkResponse> handle(UplinkRequest request, UserLevel level);
}
