package dev.onvifcloud.uplink.cloud;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Decides who a connecting camera is (Uplink specification, "Authentication": access token or mTLS).
 * May complete asynchronously (a token introspection, a database look-up); a failed stage refuses the
 * camera with 503.
 */
@FunctionalInterface
public interface UplinkAuthenticator {

    CompletionStage<AuthenticationResult> authenticate(UplinkCredentials credentials);

    /** Access-token authentication: {@code validate} maps a presented token to a verdict. */
    static UplinkAuthenticator accessTokens(Function<String, AuthenticationResult> validate) {
        Objects.requireNonNull(validate, "validate");
        return credentials -> CompletableFuture.completedFuture(credentials.accessToken()
                .map(validate)
                .orElse(AuthenticationResult.rejected(AuthenticationResult.Rejection.MISSING_CREDENTIALS)));
    }

    /**
     * mTLS authentication: the TLS layer already verified the chain against the client trust anchors;
     * {@code identify} names the camera from its certificate (for example the SERIALNUMBER attribute),
     * or refuses it (403) with an empty result.
     */
    static UplinkAuthenticator clientCertificates(Function<X509Certificate, Optional<CameraIdentity>> identify) {
        Objects.requireNonNull(identify, "identify");
        return credentials -> CompletableFuture.completedFuture(credentials.clientCertificate()
                .map(c -> identify.apply(c)
                        .<AuthenticationResult>map(AuthenticationResult.Accepted::new)
                        .orElse(AuthenticationResult.rejected(AuthenticationResult.Rejection.FORBIDDEN)))
                .orElse(AuthenticationResult.rejected(AuthenticationResult.Rejection.MISSING_CREDENTIALS)));
    }

    /** Asks {@code other} when this one found no credentials of its kind. */
    default UplinkAuthenticator orElse(UplinkAuthenticator other) {
        Objects.requireNonNull(other, "other");
        return credentials -> authenticate(credentials).thenCompose(result ->
                result instanceof AuthenticationResult.Rejected r
                        && r.reason() == AuthenticationResult.Rejection.MISSING_CREDENTIALS
                        ? other.authenticate(credentials)
                        : CompletableFuture.completedFuture(result));
    }
}
