package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.XmlElement;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * tev:GetEventPropertiesResponse: topic namespace locations, whether the topic set is fixed, the
 * {@code wstop:TopicSet} element as a tree, and the supported dialects and message content schemas.
 */
public record GetEventPropertiesResponse(List<URI> topicNamespaceLocations, boolean fixedTopicSet, XmlElement topicSet,
                                         List<URI> topicExpressionDialects, List<URI> messageContentFilterDialects,
                                         List<URI> producerPropertiesFilterDialects,
                                         List<URI> messageContentSchemaLocations) implements SoapResponse {

    /** The ONVIF topic namespace location. */
    public static final URI ONVIF_TOPIC_NAMESPACE_LOCATION =
            URI.create("http://www.onvif.org/onvif/ver10/topics/topicns.xml");

    public GetEventPropertiesResponse {
        topicNamespaceLocations = nonEmpty(topicNamespaceLocations, "TopicNamespaceLocation");
        Objects.requireNonNull(topicSet, "topicSet");
        if (!topicSet.name().getNamespaceURI().equals(Namespaces.WSTOP)
                || !topicSet.name().getLocalPart().equals("TopicSet")) {
            throw new IllegalArgumentException("topicSet must be a wstop:TopicSet element");
        }
        topicExpressionDialects = nonEmpty(topicExpressionDialects, "TopicExpressionDialect");
        messageContentFilterDialects = nonEmpty(messageContentFilterDialects, "MessageContentFilterDialect");
        producerPropertiesFilterDialects = List.copyOf(producerPropertiesFilterDialects);
        messageContentSchemaLocations = nonEmpty(messageContentSchemaLocations, "MessageContentSchemaLocation");
    }

    private static List<URI> nonEmpty(List<URI> values, String name) {
        List<URI> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one value");
        }
        return copy;
    }
}
