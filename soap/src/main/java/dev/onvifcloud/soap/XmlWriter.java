package dev.onvifcloud.soap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one XML document, declaring each namespace where it is first needed with its ONVIF prefix
 * ({@link Namespaces#prefixOf}), optionally indented. Text and attribute values that XML 1.0 cannot carry
 * are refused with {@link IllegalArgumentException}. Not thread-safe: one writer per message.
 */
public final class XmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final XMLStreamWriter writer;
    private final boolean indent;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final Deque<Boolean> hasChildElements = new ArrayDeque<>();

    XmlWriter(Formatting formatting) {
        this.indent = formatting == Formatting.INDENTED;
        try {
            this.writer = FACTORY.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The JDK cannot write XML", e);
        }
        scopes.push(Map.of(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI));
    }

    /** Opens an element; its namespace is declared here if no ancestor did. */
    public XmlWriter start(QName name) {
        try {
            if (!hasChildElements.isEmpty()) {
                hasChildElements.pop();
                hasChildElements.push(Boolean.TRUE);
            }
            newline(hasChildElements.size());
            Map<String, String> scope = new HashMap<>(scopes.peek());
            String prefix = prefixFor(name.getNamespaceURI(), name.getPrefix(), scope);
            boolean declare = !name.getNamespaceURI().equals(scope.get(prefix));
            if (prefix.isEmpty()) {
                writer.writeStartElement("", name.getLocalPart(), name.getNamespaceURI());
            } else {
                writer.writeStartElement(prefix, name.getLocalPart(), name.getNamespaceURI());
            }
            if (declare) {
                scope.put(prefix, name.getNamespaceURI());
                if (prefix.isEmpty()) {
                    writer.writeDefaultNamespace(name.getNamespaceURI());
                } else {
                    writer.writeNamespace(prefix, name.getNamespaceURI());
                }
            }
            scopes.push(scope);
            hasChildElements.push(Boolean.FALSE);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares a namespace on the element just opened (for QName-valued content such as topics). */
    public XmlWriter declare(String prefix, String namespace) {
        Map<String, String> scope = scopes.peek();
        if (namespace.equals(scope.get(prefix))) {
            return this;
        }
        try {
            writer.writeNamespace(prefix, namespace);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        scope.put(prefix, namespace);
        return this;
    }

    /** The prefix bound to a namespace here, declaring the ONVIF prefix on the open element if needed. */
    public String prefixFor(String namespace) {
        Map<String, String> scope = scopes.peek();
        for (Map.Entry<String, String> binding : scope.entrySet()) {
            if (binding.getValue().equals(namespace) && !binding.getKey().isEmpty()) {
                return binding.getKey();
            }
        }
        String prefix = Namespaces.prefixOf(namespace).orElseGet(() -> freshPrefix(scope));
        declare(prefix, namespace);
        return prefix;
    }

    /** A QName as {@code prefix:local} text, declaring the prefix on the open element if needed. */
    public String qnameText(QName name) {
        return prefixFor(name.getNamespaceURI()) + ":" + name.getLocalPart();
    }

    /** Adds an unprefixed attribute to the element just opened. */
    public XmlWriter attribute(String localName, String value) {
        try {
            writer.writeAttribute(localName, checked(value));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds an attribute, namespaced or not, to the element just opened. */
    public XmlWriter attribute(QName name, String value) {
        if (name.getNamespaceURI().isEmpty()) {
            return attribute(name.getLocalPart(), value);
        }
        String prefix = prefixFor(name.getNamespaceURI());
        try {
            writer.writeAttribute(prefix, name.getNamespaceURI(), name.getLocalPart(), checked(value));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes character data into the open element. */
    public XmlWriter text(String text) {
        try {
            writer.writeCharacters(checked(text));
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the innermost open element. */
    public XmlWriter end() {
        try {
            boolean children = hasChildElements.pop();
            if (children) {
                newline(hasChildElements.size());
            }
            writer.writeEndElement();
            scopes.pop();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element with text content only. */
    public XmlWriter element(QName name, String text) {
        return start(name).text(text).end();
    }

    /** An element with text content only, if the value is present. */
    public XmlWriter optionalElement(QName name, Optional<String> text) {
        text.ifPresent(value -> element(name, value));
        return this;
    }

    /** An element with no content. */
    public XmlWriter empty(QName name) {
        return start(name).end();
    }

    /** Writes an element tree as it is, keeping the prefixes it was read with where they are free. */
    public XmlWriter write(XmlElement element) {
        QName name = element.name();
        start(name);
        for (Map.Entry<String, String> binding : element.namespaces().entrySet()) {
            if (!binding.getKey().isEmpty() && !XMLConstants.XML_NS_PREFIX.equals(binding.getKey())) {
                declare(binding.getKey(), binding.getValue());
            }
        }
        for (Map.Entry<QName, String> attribute : element.attributes().entrySet()) {
            attribute(attribute.getKey(), attribute.getValue());
        }
        if (!element.text().isEmpty()) {
            text(element.text());
        }
        for (XmlElement child : element.children()) {
            write(child);
        }
        return end();
    }

    byte[] finish() {
        try {
            writer.writeEndDocument();
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        if (indent) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private String prefixFor(String namespace, String suggested, Map<String, String> scope) {
        if (namespace.isEmpty()) {
            return "";
        }
        for (Map.Entry<String, String> binding : scope.entrySet()) {
            if (binding.getValue().equals(namespace) && !binding.getKey().isEmpty()) {
                return binding.getKey();
            }
        }
        Optional<String> known = Namespaces.prefixOf(namespace);
        if (known.isPresent() && !scope.containsKey(known.get())) {
            return known.get();
        }
        if (suggested != null && !suggested.isEmpty() && !scope.containsKey(suggested)) {
            return suggested;
        }
        return freshPrefix(scope);
    }

    private static String freshPrefix(Map<String, String> scope) {
        for (int i = 0; ; i++) {
            String candidate = "ns" + i;
            if (!scope.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private void newline(int depth) throws XMLStreamException {
        if (!indent) {
            return;
        }
        writer.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static String checked(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                throw new IllegalArgumentException("XML 1.0 cannot carry the character U+" + Integer.toHexString(c));
            }
            i += Character.charCount(c);
        }
        return value;
    }
}
