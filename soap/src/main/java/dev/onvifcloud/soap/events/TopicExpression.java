package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.Namespaces;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wsnt:TopicExpressionType: a topic expression in a dialect, with the namespaces its prefixes stand for
 * (e.g. {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed}, {@code tns1} being the ONVIF topic namespace).
 */
public record TopicExpression(URI dialect, String expression, Map<String, String> namespaces) {

    /** The ONVIF topic expression dialect (a set of concrete topics joined with {@code |}). */
    public static final URI CONCRETE_SET = URI.create("http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet");
    /** WS-Topics concrete topic expressions (one topic path). */
    public static final URI CONCRETE = URI.create("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete");
    /** WS-Topics simple topic expressions (a root topic). */
    public static final URI SIMPLE = URI.create("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple");

    private static final Pattern PREFIX = Pattern.compile("(?:^|[/|(\\s])([A-Za-z_][\\w.\\-]*):");

    public TopicExpression {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("A topic expression must not be blank");
        }
        namespaces = Map.copyOf(namespaces);
        for (String prefix : prefixes(expression).keySet()) {
            if (!namespaces.containsKey(prefix)) {
                throw new IllegalArgumentException("A topic expression uses an undeclared prefix");
            }
        }
    }

    /** A concrete ONVIF topic (in the {@code tns1} namespace) such as {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed}. */
    public static TopicExpression onvifTopic(URI dialect, String expression) {
        return new TopicExpression(dialect, expression, Map.of("tns1", Namespaces.TNS1));
    }

    /** The prefixes an expression uses, each mapped to itself (the caller resolves them). */
    static Map<String, String> prefixes(String expression) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = PREFIX.matcher(expression.strip());
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(1));
        }
        return found;
    }
}
