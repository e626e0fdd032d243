package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.AttributeSet.Type;
import java.util.Map;
import java.util.Objects;

/** tev:Capabilities: WSSubscriptionPolicySupport, MaxPullPoints, PersistentNotificationStorage and the other event service attributes. */
public record Capabilities(AttributeSet attributes) {

    static final Map<String, Type> TYPES = Map.of("WSSubscriptionPolicySupport", Type.BOOLEAN,
            "WSPausableSubscriptionManagerInterfaceSupport", Type.BOOLEAN, "MaxNotificationProducers", Type.INT,
            "MaxPullPoints", Type.INT, "PersistentNotificationStorage", Type.BOOLEAN,
            "EventBrokerProtocols", Type.STRING, "MaxEventBrokers", Type.INT, "MetadataOverMQTT", Type.BOOLEAN);

    public Capabilities {
        Objects.requireNonNull(attributes, "attributes").checked(TYPES);
    }
}
