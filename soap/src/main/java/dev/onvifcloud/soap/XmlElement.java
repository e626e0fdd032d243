package dev.onvifcloud.soap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

/**
 * An immutable XML element: name, unprefixed and namespaced attributes, child elements and the character
 * data directly inside it. Used for the open parts of ONVIF messages (extension points, topic sets, event
 * payload items, SOAP header blocks, fault details) and, inside this module, as the bounded tree that
 * message readers walk.
 *
 * <p>{@link #namespaces()} keeps the prefixes in scope where the element was read, so that QName-valued
 * text ({@code ter:InvalidArgVal}, {@code tns1:Monitoring/...}) can be resolved; it takes no part in
 * {@link #equals(Object)}.
 */
public record XmlElement(QName name, Map<QName, String> attributes, List<XmlElement> children, String text,
                         Map<String, String> namespaces) {

    public XmlElement {
        Objects.requireNonNull(name, "name");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
        text = Objects.requireNonNull(text, "text");
        namespaces = Map.copyOf(namespaces);
    }

    /** An element with no attributes, children or text. */
    public static XmlElement of(QName name) {
        return new XmlElement(name, Map.of(), List.of(), "", Map.of());
    }

    /** An element with only text content. */
    public static XmlElement of(QName name, String text) {
        return new XmlElement(name, Map.of(), List.of(), text, Map.of());
    }

    /** This element with one more (or a replaced) attribute. */
    public XmlElement withAttribute(QName attribute, String value) {
        Map<QName, String> copy = new LinkedHashMap<>(attributes);
        copy.put(attribute, Objects.requireNonNull(value, "value"));
        return new XmlElement(name, copy, children, text, namespaces);
    }

    /** This element with an unprefixed attribute. */
    public XmlElement withAttribute(String localName, String value) {
        return withAttribute(new QName(localName), value);
    }

    /** This element with one more child at the end. */
    public XmlElement withChild(XmlElement child) {
        List<XmlElement> copy = new ArrayList<>(children);
        copy.add(child);
        return new XmlElement(name, attributes, copy, text, namespaces);
    }

    /** This element with a namespace declaration that QName-valued text or attributes rely on. */
    public XmlElement withNamespace(String prefix, String namespace) {
        Map<String, String> copy = new LinkedHashMap<>(namespaces);
        copy.put(prefix, namespace);
        return new XmlElement(name, attributes, children, text, copy);
    }

    /** The value of an unprefixed attribute. */
    public Optional<String> attribute(String localName) {
        return Optional.ofNullable(attributes.get(new QName(localName)));
    }

    /** The value of an attribute. */
    public Optional<String> attribute(QName attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    /** The children with this name, in document order. */
    public List<XmlElement> children(QName childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** The namespace bound to a prefix where this element was read ({@code ""} for the default namespace). */
    public Optional<String> namespaceOf(String prefix) {
        if (XMLConstants.XML_NS_PREFIX.equals(prefix)) {
            return Optional.of(XMLConstants.XML_NS_URI);
        }
        return Optional.ofNullable(namespaces.get(prefix));
    }

    /** Resolves a QName written as {@code prefix:local} (or {@code local}) in this element's text. */
    public Optional<QName> resolve(String prefixedName) {
        String trimmed = prefixedName.strip();
        int colon = trimmed.indexOf(':');
        String prefix = colon < 0 ? "" : trimmed.substring(0, colon);
        String local = colon < 0 ? trimmed : trimmed.substring(colon + 1);
        if (local.isEmpty() || local.indexOf(':') >= 0 || (colon == 0)) {
            return Optional.empty();
        }
        Optional<String> namespace = namespaceOf(prefix);
        if (namespace.isEmpty()) {
            return prefix.isEmpty() ? Optional.of(new QName(local)) : Optional.empty();
        }
        return Optional.of(new QName(namespace.get(), local, prefix));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XmlElement that
                && name.equals(that.name)
                && attributes.equals(that.attributes)
                && children.equals(that.children)
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, attributes, children, text);
    }

    @Override
    public String toString() {
        return "XmlElement[" + name + ", " + children.size() + " children]";
    }
}
