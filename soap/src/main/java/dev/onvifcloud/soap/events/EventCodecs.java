package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.ElementReader;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.XmlElement;
import dev.onvifcloud.soap.XmlWriter;
import dev.onvifcloud.soap.XsdTypes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/** Readers and writers of the event service's (tev) and WS-BaseNotification's (wsnt) body elements. */
final class EventCodecs {

    private static final QName TEV_CAPABILITIES = tev("Capabilities");
    private static final QName FILTER = tev("Filter");
    private static final QName INITIAL_TERMINATION_TIME = tev("InitialTerminationTime");
    private static final QName SUBSCRIPTION_POLICY = tev("SubscriptionPolicy");
    private static final QName SUBSCRIPTION_REFERENCE_TEV = tev("SubscriptionReference");
    private static final QName TIMEOUT = tev("Timeout");
    private static final QName MESSAGE_LIMIT = tev("MessageLimit");
    private static final QName CURRENT_TIME_TEV = tev("CurrentTime");
    private static final QName TERMINATION_TIME_TEV = tev("TerminationTime");
    private static final QName TOPIC_NAMESPACE_LOCATION = tev("TopicNamespaceLocation");
    private static final QName MESSAGE_CONTENT_FILTER_DIALECT = tev("MessageContentFilterDialect");
    private static final QName PRODUCER_PROPERTIES_FILTER_DIALECT = tev("ProducerPropertiesFilterDialect");
    private static final QName MESSAGE_CONTENT_SCHEMA_LOCATION = tev("MessageContentSchemaLocation");

    private static final QName CURRENT_TIME = wsnt("CurrentTime");
    private static final QName TERMINATION_TIME = wsnt("TerminationTime");
    private static final QName FIXED_TOPIC_SET = wsnt("FixedTopicSet");
    private static final QName TOPIC_EXPRESSION_DIALECT = wsnt("TopicExpressionDialect");
    private static final QName TOPIC_EXPRESSION = wsnt("TopicExpression");
    private static final QName MESSAGE_CONTENT = wsnt("MessageContent");
    private static final QName NOTIFICATION_MESSAGE = wsnt("NotificationMessage");
    private static final QName SUBSCRIPTION_REFERENCE = wsnt("SubscriptionReference");
    private static final QName TOPIC = wsnt("Topic");
    private static final QName PRODUCER_REFERENCE = wsnt("ProducerReference");
    private static final QName WSNT_MESSAGE = wsnt("Message");
    private static final QName TOPIC_SET = new QName(Namespaces.WSTOP, "TopicSet", "wstop");
    private static final QName ADDRESS = new QName(Namespaces.WSA, "Address", "wsa");
    private static final QName REFERENCE_PARAMETERS = new QName(Namespaces.WSA, "ReferenceParameters", "wsa");
    private static final QName TT_MESSAGE = tt("Message");
    private static final QName SOURCE = tt("Source");
    private static final QName KEY = tt("Key");
    private static final QName DATA = tt("Data");
    private static final QName SIMPLE_ITEM = tt("SimpleItem");
    private static final QName ELEMENT_ITEM = tt("ElementItem");
    private static final QName XSI_NIL = new QName("http://www.w3.org/2001/XMLSchema-instance", "nil", "xsi");

    static final MessageCodec<GetServiceCapabilities> GET_SERVICE_CAPABILITIES =
            MessageCodec.empty(tev("GetServiceCapabilities"), new GetServiceCapabilities());
    static final MessageCodec<GetEventProperties> GET_EVENT_PROPERTIES =
            MessageCodec.empty(tev("GetEventProperties"), new GetEventProperties());
    static final MessageCodec<Unsubscribe> UNSUBSCRIBE = MessageCodec.empty(wsnt("Unsubscribe"), new Unsubscribe());
    static final MessageCodec<UnsubscribeResponse> UNSUBSCRIBE_RESPONSE =
            MessageCodec.empty(wsnt("UnsubscribeResponse"), new UnsubscribeResponse());

    static final MessageCodec<GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES_RESPONSE = MessageCodec.of(
            tev("GetServiceCapabilitiesResponse"),
            body -> {
                ElementReader capabilities = body.required(TEV_CAPABILITIES);
                return capabilities.build(() -> new GetServiceCapabilitiesResponse(
                        new Capabilities(AttributeSet.of(capabilities.element()))));
            },
            (writer, value) -> {
                writer.start(TEV_CAPABILITIES);
                value.capabilities().attributes().writeTo(writer);
                writer.end();
            });

    static final MessageCodec<GetEventPropertiesResponse> GET_EVENT_PROPERTIES_RESPONSE = MessageCodec.of(
            tev("GetEventPropertiesResponse"),
            body -> {
                List<URI> locations = uris(body, TOPIC_NAMESPACE_LOCATION);
                boolean fixed = body.required(FIXED_TOPIC_SET, XsdTypes::parseBoolean);
                XmlElement topicSet = body.required(TOPIC_SET).element();
                List<URI> dialects = uris(body, TOPIC_EXPRESSION_DIALECT);
                List<URI> contentDialects = uris(body, MESSAGE_CONTENT_FILTER_DIALECT);
                List<URI> producerDialects = body.all(PRODUCER_PROPERTIES_FILTER_DIALECT, XsdTypes::parseUri);
                List<URI> schemas = uris(body, MESSAGE_CONTENT_SCHEMA_LOCATION);
                return body.build(() -> new GetEventPropertiesResponse(locations, fixed, topicSet, dialects,
                        contentDialects, producerDialects, schemas));
            },
            (writer, value) -> {
                value.topicNamespaceLocations().forEach(uri -> writer.element(TOPIC_NAMESPACE_LOCATION, uri.toString()));
                writer.element(FIXED_TOPIC_SET, Boolean.toString(value.fixedTopicSet()));
                writer.write(value.topicSet());
                value.topicExpressionDialects().forEach(uri -> writer.element(TOPIC_EXPRESSION_DIALECT, uri.toString()));
                value.messageContentFilterDialects()
                        .forEach(uri -> writer.element(MESSAGE_CONTENT_FILTER_DIALECT, uri.toString()));
                value.producerPropertiesFilterDialects()
                        .forEach(uri -> writer.element(PRODUCER_PROPERTIES_FILTER_DIALECT, uri.toString()));
                value.messageContentSchemaLocations()
                        .forEach(uri -> writer.element(MESSAGE_CONTENT_SCHEMA_LOCATION, uri.toString()));
            });

    static final MessageCodec<CreatePullPointSubscription> CREATE_PULL_POINT_SUBSCRIPTION = MessageCodec.of(
            tev("CreatePullPointSubscription"),
            body -> {
                Optional<Filter> filter = Optional.empty();
                Optional<ElementReader> filterElement = body.optional(FILTER);
                if (filterElement.isPresent()) {
                    filter = Optional.of(readFilter(filterElement.get()));
                }
                Optional<AbsoluteOrRelativeTime> initial = Optional.empty();
                Optional<ElementReader> initialElement = body.optional(INITIAL_TERMINATION_TIME);
                if (initialElement.isPresent() && !isNil(initialElement.get())) {
                    initial = Optional.of(initialElement.get().value(EventCodecs::parseTime));
                }
                List<XmlElement> policy = body.optional(SUBSCRIPTION_POLICY)
                        .map(p -> p.element().children()).orElse(List.of());
                Optional<Filter> f = filter;
                Optional<AbsoluteOrRelativeTime> t = initial;
                return body.build(() -> new CreatePullPointSubscription(f, t, policy));
            },
            (writer, value) -> {
                value.filter().ifPresent(filter -> writeFilter(writer, filter));
                value.initialTerminationTime()
                        .ifPresent(time -> writer.element(INITIAL_TERMINATION_TIME, formatTime(time)));
                if (!value.subscriptionPolicy().isEmpty()) {
                    writer.start(SUBSCRIPTION_POLICY);
                    value.subscriptionPolicy().forEach(writer::write);
                    writer.end();
                }
            });

    static final MessageCodec<CreatePullPointSubscriptionResponse> CREATE_PULL_POINT_SUBSCRIPTION_RESPONSE =
            MessageCodec.of(tev("CreatePullPointSubscriptionResponse"),
                    body -> {
                        EndpointReference reference = readReference(body.required(SUBSCRIPTION_REFERENCE_TEV));
                        Instant current = body.required(CURRENT_TIME, XsdTypes::parseDateTime);
                        Instant termination = body.required(TERMINATION_TIME, XsdTypes::parseDateTime);
                        return new CreatePullPointSubscriptionResponse(reference, current, termination);
                    },
                    (writer, value) -> {
                        writeReference(writer, SUBSCRIPTION_REFERENCE_TEV, value.subscriptionReference());
                        writer.element(CURRENT_TIME, XsdTypes.formatDateTime(value.currentTime()));
                        writer.element(TERMINATION_TIME, XsdTypes.formatDateTime(value.terminationTime()));
                    });

    static final MessageCodec<PullMessages> PULL_MESSAGES = MessageCodec.of(tev("PullMessages"),
            body -> {
                Duration timeout = body.required(TIMEOUT, XsdTypes::parseDuration);
                int limit = body.required(MESSAGE_LIMIT, XsdTypes::parseInt);
                return body.build(() -> new PullMessages(timeout, limit));
            },
            (writer, value) -> writer.element(TIMEOUT, XsdTypes.formatDuration(value.timeout()))
                    .element(MESSAGE_LIMIT, Integer.toString(value.messageLimit())));

    static final MessageCodec<PullMessagesResponse> PULL_MESSAGES_RESPONSE = MessageCodec.of(
            tev("PullMessagesResponse"),
            body -> {
                Instant current = body.required(CURRENT_TIME_TEV, XsdTypes::parseDateTime);
                Instant termination = body.required(TERMINATION_TIME_TEV, XsdTypes::parseDateTime);
                List<NotificationMessage> messages = new ArrayList<>();
                for (ElementReader message : body.all(NOTIFICATION_MESSAGE)) {
                    messages.add(readNotification(message));
                }
                return new PullMessagesResponse(current, termination, messages);
            },
            (writer, value) -> {
                writer.element(CURRENT_TIME_TEV, XsdTypes.formatDateTime(value.currentTime()));
                writer.element(TERMINATION_TIME_TEV, XsdTypes.formatDateTime(value.terminationTime()));
                value.notificationMessages().forEach(message -> writeNotification(writer, message));
            });

    static final MessageCodec<Renew> RENEW = MessageCodec.of(wsnt("Renew"),
            body -> new Renew(body.required(TERMINATION_TIME, EventCodecs::parseTime)),
            (writer, value) -> writer.element(TERMINATION_TIME, formatTime(value.terminationTime())));

    static final MessageCodec<RenewResponse> RENEW_RESPONSE = MessageCodec.of(wsnt("RenewResponse"),
            body -> new RenewResponse(body.required(TERMINATION_TIME, XsdTypes::parseDateTime),
                    body.required(CURRENT_TIME, XsdTypes::parseDateTime)),
            (writer, value) -> writer.element(TERMINATION_TIME, XsdTypes.formatDateTime(value.terminationTime()))
                    .element(CURRENT_TIME, XsdTypes.formatDateTime(value.currentTime())));

    private EventCodecs() {
    }

    private static QName tev(String localName) {
        return new QName(Namespaces.TEV, localName, "tev");
    }

    private static QName wsnt(String localName) {
        return new QName(Namespaces.WSNT, localName, "wsnt");
    }

    private static QName tt(String localName) {
        return new QName(Namespaces.TT, localName, "tt");
    }

    private static List<URI> uris(ElementReader body, QName name) throws SoapFaultException {
        List<URI> uris = new ArrayList<>();
        for (ElementReader reader : body.atLeastOne(name)) {
            uris.add(reader.value(XsdTypes::parseUri));
        }
        return uris;
    }

    private static boolean isNil(ElementReader element) {
        return element.element().attribute(XSI_NIL).map(v -> v.strip().equals("true") || v.strip().equals("1"))
                .orElse(false);
    }

    // ---------------------------------------------------------------- time

    static AbsoluteOrRelativeTime parseTime(String text) {
        String value = text.strip();
        if (value.startsWith("P") || value.startsWith("-P")) {
            return new AbsoluteOrRelativeTime.Relative(XsdTypes.parseDuration(value));
        }
        return new AbsoluteOrRelativeTime.Absolute(XsdTypes.parseDateTime(value));
    }

    static String formatTime(AbsoluteOrRelativeTime time) {
        if (time instanceof AbsoluteOrRelativeTime.Relative relative) {
            return XsdTypes.formatDuration(relative.duration());
        }
        return XsdTypes.formatDateTime(((AbsoluteOrRelativeTime.Absolute) time).instant());
    }

    // ---------------------------------------------------------------- filters and topics

    private static Filter readFilter(ElementReader filter) throws SoapFaultException {
        List<TopicExpression> topics = new ArrayList<>();
        for (ElementReader topic : filter.all(TOPIC_EXPRESSION)) {
            topics.add(readTopic(topic));
        }
        List<MessageContent> contents = new ArrayList<>();
        for (ElementReader content : filter.all(MESSAGE_CONTENT)) {
            URI dialect = content.requiredAttribute("Dialect", XsdTypes::parseUri);
            String expression = content.text();
            Map<String, String> namespaces = new LinkedHashMap<>(content.element().namespaces());
            namespaces.remove("");
            contents.add(content.build(() -> new MessageContent(dialect, expression, namespaces)));
        }
        return new Filter(topics, contents);
    }

    private static void writeFilter(XmlWriter writer, Filter filter) {
        writer.start(FILTER);
        filter.topicExpressions().forEach(topic -> writeTopic(writer, TOPIC_EXPRESSION, topic));
        for (MessageContent content : filter.messageContents()) {
            writer.start(MESSAGE_CONTENT);
            content.namespaces().forEach(writer::declare);
            writer.attribute("Dialect", content.dialect().toString()).text(content.expression()).end();
        }
        writer.end();
    }

    static TopicExpression readTopic(ElementReader topic) throws SoapFaultException {
        URI dialect = topic.requiredAttribute("Dialect", XsdTypes::parseUri);
        String expression = topic.text().strip();
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (String prefix : TopicExpression.prefixes(expression).keySet()) {
            Optional<String> namespace = topic.element().namespaceOf(prefix);
            if (namespace.isEmpty()) {
                throw new SoapFaultException(SoapFaultException.Reason.INVALID_ARGS, SoapFault.sender(
                        "A topic expression uses an undeclared prefix", Ter.INVALID_ARGS));
            }
            namespaces.put(prefix, namespace.get());
        }
        return topic.build(() -> new TopicExpression(dialect, expression, namespaces));
    }

    static void writeTopic(XmlWriter writer, QName name, TopicExpression topic) {
        writer.start(name);
        topic.namespaces().forEach(writer::declare);
        writer.attribute("Dialect", topic.dialect().toString()).text(topic.expression()).end();
    }

    // ---------------------------------------------------------------- endpoint references

    static EndpointReference readReference(ElementReader reference) throws SoapFaultException {
        URI address = reference.required(ADDRESS, XsdTypes::parseUri);
        Optional<XmlElement> parameters = reference.optional(REFERENCE_PARAMETERS).map(ElementReader::element);
        return new EndpointReference(address, parameters);
    }

    static void writeReference(XmlWriter writer, QName name, EndpointReference reference) {
        writer.start(name).element(ADDRESS, reference.address().toString());
        reference.referenceParameters().ifPresent(writer::write);
        writer.end();
    }

    // ---------------------------------------------------------------- notifications

    static NotificationMessage readNotification(ElementReader notification) throws SoapFaultException {
        Optional<EndpointReference> subscription = Optional.empty();
        Optional<ElementReader> subscriptionElement = notification.optional(SUBSCRIPTION_REFERENCE);
        if (subscriptionElement.isPresent()) {
            subscription = Optional.of(readReference(subscriptionElement.get()));
        }
        Optional<TopicExpression> topic = Optional.empty();
        Optional<ElementReader> topicElement = notification.optional(TOPIC);
        if (topicElement.isPresent()) {
            topic = Optional.of(readTopic(topicElement.get()));
        }
        Optional<EndpointReference> producer = Optional.empty();
        Optional<ElementReader> producerElement = notification.optional(PRODUCER_REFERENCE);
        if (producerElement.isPresent()) {
            producer = Optional.of(readReference(producerElement.get()));
        }
        Message message = readMessage(notification.required(WSNT_MESSAGE).required(TT_MESSAGE));
        return new NotificationMessage(subscription, topic, producer, message);
    }

    static void writeNotification(XmlWriter writer, NotificationMessage notification) {
        writer.start(NOTIFICATION_MESSAGE);
        notification.subscriptionReference().ifPresent(r -> writeReference(writer, SUBSCRIPTION_REFERENCE, r));
        notification.topic().ifPresent(topic -> writeTopic(writer, TOPIC, topic));
        notification.producerReference().ifPresent(r -> writeReference(writer, PRODUCER_REFERENCE, r));
        writer.start(WSNT_MESSAGE);
        writeMessage(writer, notification.message());
        writer.end().end();
    }

    private static Message readMessage(ElementReader message) throws SoapFaultException {
        Instant utcTime = message.requiredAttribute("UtcTime", XsdTypes::parseDateTime);
        Optional<PropertyOperation> operation = message.attribute("PropertyOperation", text -> {
            for (PropertyOperation candidate : PropertyOperation.values()) {
                if (candidate.name().equals(text.strip())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("PropertyOperation must be Initialized, Deleted or Changed");
        });
        Optional<ItemList> source = optionalItems(message, SOURCE);
        Optional<ItemList> key = optionalItems(message, KEY);
        Optional<ItemList> data = optionalItems(message, DATA);
        return new Message(utcTime, operation, source, key, data);
    }

    private static Optional<ItemList> optionalItems(ElementReader message, QName name) throws SoapFaultException {
        Optional<ElementReader> list = message.optional(name);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        List<SimpleItem> simple = new ArrayList<>();
        for (ElementReader item : list.get().all(SIMPLE_ITEM)) {
            String itemName = item.requiredAttribute("Name", text -> text);
            String itemValue = item.requiredAttribute("Value", text -> text);
            simple.add(item.build(() -> new SimpleItem(itemName, itemValue)));
        }
        List<ElementItem> elements = new ArrayList<>();
        for (ElementReader item : list.get().all(ELEMENT_ITEM)) {
            String itemName = item.requiredAttribute("Name", text -> text);
            List<XmlElement> content = item.element().children();
            if (content.size() != 1) {
                throw new SoapFaultException(SoapFaultException.Reason.INVALID_ARGS,
                        SoapFault.sender("A tt:ElementItem holds exactly one element", Ter.INVALID_ARGS));
            }
            elements.add(item.build(() -> new ElementItem(itemName, content.get(0))));
        }
        return Optional.of(list.get().build(() -> new ItemList(simple, elements)));
    }

    private static void writeMessage(XmlWriter writer, Message message) {
        writer.start(TT_MESSAGE).attribute("UtcTime", XsdTypes.formatDateTime(message.utcTime()));
        message.propertyOperation().ifPresent(operation -> writer.attribute("PropertyOperation", operation.name()));
        message.source().ifPresent(items -> writeItems(writer, SOURCE, items));
        message.key().ifPresent(items -> writeItems(writer, KEY, items));
        message.data().ifPresent(items -> writeItems(writer, DATA, items));
        writer.end();
    }

    private static void writeItems(XmlWriter writer, QName name, ItemList items) {
        writer.start(name);
        for (SimpleItem item : items.simpleItems()) {
            writer.start(SIMPLE_ITEM).attribute("Name", item.name()).attribute("Value", item.value()).end();
        }
        for (ElementItem item : items.elementItems()) {
            writer.start(ELEMENT_ITEM).attribute("Name", item.name()).write(item.value()).end();
        }
        writer.end();
    }
}
