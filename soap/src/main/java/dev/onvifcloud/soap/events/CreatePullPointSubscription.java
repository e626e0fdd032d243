package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.XmlElement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** tev:CreatePullPointSubscription: a pull point, optionally filtered, with its initial termination time and subscription policy elements (e.g. tev:ChangedOnly). */
public record CreatePullPointSubscription(Optional<Filter> filter, Optional<AbsoluteOrRelativeTime> initialTerminationTime, List<XmlElement> subscriptionPolicy) implements SoapRequest {

    public CreatePullPointSubscription {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(initialTerminationTime, "initialTerminationTime");
        subscriptionPolicy = List.copyOf(subscriptionPolicy);
    }
}
