package dev.onvifcloud.soap.events;

import java.util.List;

/** wsnt:FilterType: the topic and message content filters of a subscription. */
public record Filter(List<TopicExpression> topicExpressions, List<MessageContent> messageContents) {

    public Filter {
        topicExpressions = List.copyOf(topicExpressions);
        messageContents = List.copyOf(messageContents);
    }

    /** A filter on topics only. */
    public static Filter topics(TopicExpression... expressions) {
        return new Filter(List.of(expressions), List.of());
    }
}
