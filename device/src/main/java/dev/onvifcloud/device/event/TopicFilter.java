package dev.onvifcloud.device.event;

import dev.onvifcloud.soap.events.Filter;
import dev.onvifcloud.soap.events.NotificationMessage;
import dev.onvifcloud.soap.events.TopicExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The topic part of a subscription filter: ConcreteSet / Concrete expressions, alternatives with {@code |},
 * a trailing {@code //.} for a topic and all below it. Prefixes are compared by namespace, not by spelling.
 */
final class TopicFilter implements Predicate<NotificationMessage> {

    private record Topic(String namespace, String path, boolean subtree) {
    }

    private final List<Topic> accepted;

    private TopicFilter(List<Topic> accepted) {
        this.accepted = accepted;
    }

    /** Accepts everything without a filter or without topic expressions. */
    static Predicate<NotificationMessage> of(Optional<Filter> filter) throws IllegalArgumentException {
        if (filter.isEmpty() || filter.get().topicExpressions().isEmpty()) {
            return message -> true;
        }
        if (!filter.get().messageContents().isEmpty()) {
            throw new IllegalArgumentException("message content filters are not supported");
        }
        List<Topic> topics = new ArrayList<>();
        for (TopicExpression expression : filter.get().topicExpressions()) {
            if (!expression.dialect().equals(TopicExpression.CONCRETE_SET)
                    && !expression.dialect().equals(TopicExpression.CONCRETE)
                    && !expression.dialect().equals(TopicExpression.SIMPLE)) {
                throw new IllegalArgumentException("unsupported topic expression dialect");
            }
            for (String alternative : expression.expression().split("\\|")) {
                topics.add(parse(alternative.strip(), expression.namespaces()));
            }
        }
        return new TopicFilter(topics);
    }

    @Override
    public boolean test(NotificationMessage message) {
        if (message.topic().isEmpty()) {
            return false;
        }
        TopicExpression topic = message.topic().get();
        Topic actual = parse(topic.expression().strip(), topic.namespaces());
        for (Topic candidate : accepted) {
            if (!candidate.namespace().equals(actual.namespace())) {
                continue;
            }
            if (candidate.path().equals(actual.path())
                    || candidate.subtree() && actual.path().startsWith(candidate.path() + "/")) {
                return true;
            }
        }
        return false;
    }

    private static Topic parse(String text, Map<String, String> namespaces) {
        boolean subtree = text.endsWith("//.");
        String body = subtree ? text.substring(0, text.length() - 3) : text;
        int colon = body.indexOf(':');
        if (colon < 0) {
            return new Topic("", body, subtree);
        }
        String namespace = namespaces.get(body.substring(0, colon));
        if (namespace == null) {
            throw new IllegalArgumentException("undeclared topic prefix");
        }
        return new Topic(namespace, body.substring(colon + 1), subtree);
    }
}
