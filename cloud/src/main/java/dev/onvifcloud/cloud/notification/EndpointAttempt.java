package dev.onvifcloud.cloud.notification;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What one endpoint did with one delivery attempt.
 *
 * @param endpoint the endpoint tried
 * @param status the HTTP status it answered, when it answered
 * @param failure why it did not take the notification; empty when it did (a 2xx status)
 * @param detail for logs and the audit log: a reason name, never a body or a secret
 */
public record EndpointAttempt(URI endpoint, Optional<Integer> status, Optional<DeliveryFailure> failure, String detail) {

    public EndpointAttempt {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }

    static EndpointAttempt accepted(URI endpoint, int status) {
        return new EndpointAttempt(endpoint, Optional.of(status), Optional.empty(), "status " + status);
    }

    static EndpointAttempt failed(URI endpoint, DeliveryFailure failure, String detail) {
        return new EndpointAttempt(endpoint, Optional.empty(), Optional.of(failure), detail);
    }

    static EndpointAttempt refusedStatus(URI endpoint, int status) {
        return new EndpointAttempt(endpoint, Optional.of(status), Optional.of(DeliveryFailure.REFUSED_STATUS),
                "status " + status);
    }

    public boolean isAccepted() {
        return failure.isEmpty();
    }

    /** The endpoint as it may be shown: scheme, host, port and path; no user information, query or fragment. */
    public static String shown(URI endpoint) {
        StringBuilder text = new StringBuilder();
        text.append(endpoint.getScheme()).append("://").append(endpoint.getHost());
        if (endpoint.getPort() != -1) {
            text.append(':').append(endpoint.getPort());
        }
        if (endpoint.getRawPath() != null) {
            text.append(endpoint.getRawPath());
        }
        return text.toString();
    }
}
