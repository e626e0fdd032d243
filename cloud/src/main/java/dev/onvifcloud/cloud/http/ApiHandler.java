package dev.onvifcloud.cloud.http;

import java.util.concurrent.CompletionStage;

/**
 * Answers the requests of one route. Called off the I/O threads, on the server's handler executor, so it may
 * block (database, DNS). A handler that throws or completes exceptionally gets a generic {@code 500}: the
 * exception is logged with the request's correlation id and never sent to the peer.
 */
@FunctionalInterface
public interface ApiHandler {

    CompletionStage<ApiResponse> handle(ApiRequest request);
}
