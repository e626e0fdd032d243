package dev.onvifcloud.uplink.device;

import java.util.concurrent.CompletionStage;

/**
 * Fetches a fresh access token from the uplink's authorization server (for example an OAuth 2.0
 * client-credentials grant with {@code private_key_jwt}). The connector calls it before connecting when
 * it holds no token, when its token expires soon, or after the cloud answered 401. A failed stage makes
 * the attempt fail; the connector retries with its backoff.
 */
@FunctionalInterface
public interface AccessTokenSupplier {

    CompletionStage<AccessToken> fetch();
}
