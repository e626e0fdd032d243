package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapResponse;
import java.time.Instant;
import java.util.Objects;

/** tev:CreatePullPointSubscriptionResponse: the pull point's address, the device's time and the termination time. */
public record CreatePullPointSubscriptionResponse(EndpointReference subscriptionReference, Instant currentTime, Instant terminationTime) implements SoapResponse {

    public CreatePullPointSubscriptionResponse {
        Objects.requireNonNull(subscriptionReference, "subscriptionReference");
        Objects.requireNonNull(currentTime, "currentTime");
        Objects.requireNonNull(terminationTime, "terminationTime");
    }
}
