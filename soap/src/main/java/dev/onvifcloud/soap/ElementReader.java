package dev.onvifcloud.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * Reads the content of one received element for a message reader: required, optional and repeated
 * children, text and attributes, converted with a {@link Parser}. Missing, repeated or mistyped items
 * become an {@code env:Sender ter:InvalidArgs} fault, values that a parser refuses with
 * {@link IllegalArgumentException} an {@code env:Sender ter:InvalidArgVal} fault; both name the item, never
 * its value. Children that the reader does not ask for are ignored (ONVIF extension points).
 */
public final class ElementReader {

    /** Turns text into a value; throws {@link IllegalArgumentException} if it cannot. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final XmlElement element;

    private ElementReader(XmlElement element) {
        this.element = element;
    }

    /** A reader of this element. */
    public static ElementReader of(XmlElement element) {
        return new ElementReader(element);
    }

    /** The element read. */
    public XmlElement element() {
        return element;
    }

    /** The element's name as {@code prefix:local} with the conventional prefix, for fault reasons. */
    public static String display(QName name) {
        String prefix = Namespaces.prefixOf(name.getNamespaceURI()).orElse(name.getPrefix());
        return prefix.isEmpty() ? name.getLocalPart() : prefix + ":" + name.getLocalPart();
    }

    /** The single child with this name. */
    public ElementReader required(QName child) throws SoapFaultException {
        return optional(child).orElseThrow(() -> SoapFaultException.invalidArgs(
                "Missing " + display(child) + " in " + display(element.name())));
    }

    /** The child with this name, if there is one; more than one is a fault. */
    public Optional<ElementReader> optional(QName child) throws SoapFaultException {
        List<XmlElement> found = element.children(child);
        if (found.size() > 1) {
            throw SoapFaultException.invalidArgs("More than one " + display(child) + " in " + display(element.name()));
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new ElementReader(found.get(0)));
    }

    /** All children with this name, in order. */
    public List<ElementReader> all(QName child) {
        List<ElementReader> readers = new ArrayList<>();
        for (XmlElement found : element.children(child)) {
            readers.add(new ElementReader(found));
        }
        return readers;
    }

    /** All children with this name; none is a fault. */
    public List<ElementReader> atLeastOne(QName child) throws SoapFaultException {
        List<ElementReader> readers = all(child);
        if (readers.isEmpty()) {
            throw SoapFaultException.invalidArgs("Missing " + display(child) + " in " + display(element.name()));
        }
        return readers;
    }

    /** The text of this element, as it is. */
    public String text() {
        return element.text();
    }

    /** The text of this element, converted. */
    public <T> T value(Parser<T> parser) throws SoapFaultException {
        return convert(parser, element.text(), display(element.name()));
    }

    /** The converted text of the single child with this name. */
    public <T> T required(QName child, Parser<T> parser) throws SoapFaultException {
        return required(child).value(parser);
    }

    /** The converted text of the child with this name, if there is one. */
    public <T> Optional<T> optional(QName child, Parser<T> parser) throws SoapFaultException {
        Optional<ElementReader> found = optional(child);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.get().value(parser));
    }

    /** The converted texts of all children with this name. */
    public <T> List<T> all(QName child, Parser<T> parser) throws SoapFaultException {
        List<T> values = new ArrayList<>();
        for (ElementReader reader : all(child)) {
            values.add(reader.value(parser));
        }
        return values;
    }

    /** The converted value of an unprefixed attribute, if present. */
    public <T> Optional<T> attribute(String localName, Parser<T> parser) throws SoapFaultException {
        Optional<String> value = element.attribute(localName);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(convert(parser, value.get(), "@" + localName + " of " + display(element.name())));
    }

    /** The converted value of a required unprefixed attribute. */
    public <T> T requiredAttribute(String localName, Parser<T> parser) throws SoapFaultException {
        return attribute(localName, parser).orElseThrow(() -> new SoapFaultException(
                SoapFaultException.Reason.INVALID_ARGS,
                SoapFault.sender("Missing attribute " + localName + " of " + display(element.name()),
                        Ter.MISSING_ATTR)));
    }

    /** Builds a value from what was read; an {@link IllegalArgumentException} becomes an InvalidArgVal fault. */
    public <T> T build(java.util.function.Supplier<T> constructor) throws SoapFaultException {
        try {
            return constructor.get();
        } catch (XsdTypes.TypeMismatch e) {
            throw SoapFaultException.invalidArgs("In " + display(element.name()) + ": " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw SoapFaultException.invalidArgVal("In " + display(element.name()) + ": " + e.getMessage());
        }
    }

    private static <T> T convert(Parser<T> parser, String text, String where) throws SoapFaultException {
        try {
            T value = parser.parse(text);
            if (value == null) {
                throw SoapFaultException.invalidArgs(where + " has no value");
            }
            return value;
        } catch (XsdTypes.TypeMismatch e) {
            throw SoapFaultException.invalidArgs(where + " is " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw SoapFaultException.invalidArgVal(where + ": " + e.getMessage());
        }
    }
}
