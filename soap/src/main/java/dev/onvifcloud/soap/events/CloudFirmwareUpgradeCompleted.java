package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.XmlElement;
import dev.onvifcloud.soap.XsdTypes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed} event (ONVIF Core, Cloud Firmware Upgrade): Source
 * item {@code UUID} (the device's endpoint reference UUID), Data items {@code Success} and {@code Information}.
 *
 * <p>The Core specification describes Success and Information as ElementItems of simple types, which an
 * ElementItem cannot carry; they are written as SimpleItems, and read from either kind.
 */
public record CloudFirmwareUpgradeCompleted(String uuid, boolean success, String information) {

    /** The topic, in the ONVIF topic namespace. */
    public static final String TOPIC = "tns1:Monitoring/CloudFirmwareUpgrade/Completed";

    public CloudFirmwareUpgradeCompleted {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(information, "information");
        if (uuid.isBlank()) {
            throw new IllegalArgumentException("The event source UUID must not be blank");
        }
    }

    /** The notification a device sends, as a property change at {@code utcTime}. */
    public NotificationMessage toNotificationMessage(Instant utcTime, Optional<EndpointReference> producer) {
        Message message = new Message(utcTime, Optional.of(PropertyOperation.Changed),
                Optional.of(ItemList.of(new SimpleItem("UUID", uuid))), Optional.empty(),
                Optional.of(ItemList.of(new SimpleItem("Success", Boolean.toString(success)),
                        new SimpleItem("Information", information))));
        return new NotificationMessage(Optional.empty(),
                Optional.of(TopicExpression.onvifTopic(TopicExpression.CONCRETE, TOPIC)), producer, message);
    }

    /** The event in a notification, if the notification is one (its topic is this event's, in any prefix). */
    public static Optional<CloudFirmwareUpgradeCompleted> from(NotificationMessage notification) {
        if (notification.topic().isEmpty() || !isThisTopic(notification.topic().get())) {
            return Optional.empty();
        }
        Message message = notification.message();
        Optional<String> uuid = message.source().flatMap(source -> value(source, "UUID"));
        Optional<String> success = message.data().flatMap(data -> value(data, "Success"));
        Optional<String> information = message.data().flatMap(data -> value(data, "Information"));
        if (uuid.isEmpty() || success.isEmpty()) {
            return Optional.empty();
        }
        boolean succeeded;
        try {
            succeeded = XsdTypes.parseBoolean(success.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new CloudFirmwareUpgradeCompleted(uuid.get(), succeeded, information.orElse("")));
    }

    private static boolean isThisTopic(TopicExpression topic) {
        String expression = topic.expression().strip();
        int colon = expression.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String prefix = expression.substring(0, colon);
        return Namespaces.TNS1.equals(topic.namespaces().get(prefix))
                && expression.substring(colon + 1).equals("Monitoring/CloudFirmwareUpgrade/Completed");
    }

    private static Optional<String> value(ItemList items, String name) {
        Optional<String> simple = items.simpleValue(name);
        if (simple.isPresent()) {
            return simple;
        }
        return items.elementItem(name).map(ElementItem::value).map(CloudFirmwareUpgradeCompleted::textOf);
    }

    private static String textOf(XmlElement element) {
        List<XmlElement> children = element.children();
        return children.isEmpty() ? element.text().strip() : textOf(children.get(0));
    }
}
