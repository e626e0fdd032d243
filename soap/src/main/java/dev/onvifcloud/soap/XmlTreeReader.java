package dev.onvifcloud.soap;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.io.Stax2CharArraySource;

/**
 * Reads a whole XML document into an {@link XmlElement} tree with StAX (Woodstox), within {@link SoapLimits}.
 * DTDs and processing instructions are refused (SOAP 1.2 forbids both), entities other than the five
 * predefined ones are refused and external ones never resolved. The bytes are UTF-8, or UTF-16 after a
 * UTF-16 byte order mark, whatever the XML declaration says. Whitespace-only text between child elements
 * is dropped.
 */
final class XmlTreeReader {

    private final XMLInputFactory2 factory;
    private final SoapLimits limits;

    XmlTreeReader(SoapLimits limits) {
        this.limits = limits;
        // Created directly, not through XMLInputFactory.newFactory(), whose answer depends on the classpath.
        this.factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Without a DTD only the five predefined entities exist: replacing makes any other reference an error,
        // where Woodstox would otherwise drop an undeclared one from an attribute value without a word.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Problems become a fault; nothing is printed.
        factory.setXMLReporter((message, errorType, relatedInformation, location) -> { });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new NotResolved();
        });
        factory.setProperty(WstxInputProperties.P_ALLOW_XML11_ESCAPED_CHARS_IN_XML10, false);
        factory.setProperty(WstxInputProperties.P_ALLOW_SURROGATE_PAIR_ENTITIES, false);
        // Errors surface from next(), not later from a text accessor.
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        factory.setProperty(XMLInputFactory2.P_PRESERVE_LOCATION, false);
        // Woodstox's own limits, as strict as ours: it checks them while it scans, before handing over an event.
        factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, (long) limits.maxMessageBytes());
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, (long) limits.maxElements());
        factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, limits.maxElements());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxTextLength());
        // Woodstox counts attributes and namespace declarations together, and we bound each to maxAttributes.
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 2 * limits.maxAttributes());
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    }

    /** What the resolver throws, if Woodstox ever asked it for an external DTD or entity. */
    private static final class NotResolved extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        NotResolved() {
            super("external entities are not resolved");
        }
    }

    /** One element being built. */
    private static final class Open {
        final QName name;
        final Map<QName, String> attributes;
        final Map<String, String> namespaces;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Open(QName name, Map<QName, String> attributes, Map<String, String> namespaces) {
            this.name = name;
            this.attributes = attributes;
            this.namespaces = namespaces;
        }

        XmlElement close() {
            String content = text.toString();
            if (!children.isEmpty() && content.isBlank()) {
                content = "";
            }
            return new XmlElement(name, attributes, children, content, namespaces);
        }
    }

    XmlElement read(byte[] document) throws SoapFaultException {
        if (document.length > limits.maxMessageBytes()) {
            throw tooLarge("The message is larger than " + limits.maxMessageBytes() + " bytes");
        }
        CharBuffer text;
        try {
            text = decode(document);
        } catch (CharacterCodingException e) {
            throw malformed();
        }
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(new Stax2CharArraySource(text.array(),
                    text.arrayOffset() + text.position(), text.remaining()));
        } catch (XMLStreamException | RuntimeException e) {
            throw rejected(e);
        }
        try {
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw rejected(e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing held
            }
        }
    }

    private XmlElement readDocument(XMLStreamReader reader) throws XMLStreamException, SoapFaultException {
        Deque<Open> stack = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                        throw new SoapFaultException(SoapFaultException.Reason.DTD_FORBIDDEN,
                                SoapFault.sender("A SOAP message must not contain a document type declaration",
                                        Ter.WELL_FORMED));
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SoapFaultException(SoapFaultException.Reason.DTD_FORBIDDEN,
                                SoapFault.sender("A SOAP message must not reference entities", Ter.WELL_FORMED));
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw new SoapFaultException(
                        SoapFaultException.Reason.MALFORMED_XML,
                        SoapFault.sender("A SOAP message must not contain processing instructions", Ter.WELL_FORMED));
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw malformed();
                    }
                    elements++;
                    if (elements > limits.maxElements()) {
                        throw tooLarge("The message has more than " + limits.maxElements() + " elements");
                    }
                    if (stack.size() + 1 > limits.maxDepth()) {
                        throw tooLarge("The message nests elements deeper than " + limits.maxDepth());
                    }
                    Map<String, String> parentScope = stack.isEmpty() ? Map.of() : stack.peek().namespaces;
                    Map<String, String> scope = parentScope;
                    int declared = reader.getNamespaceCount();
                    if (declared > limits.maxAttributes()) {
                        throw tooLarge("An element declares more than " + limits.maxAttributes() + " namespaces");
                    }
                    if (declared > 0) {
                        Map<String, String> copy = new HashMap<>(parentScope);
                        for (int i = 0; i < declared; i++) {
                            String prefix = reader.getNamespacePrefix(i);
                            String uri = reader.getNamespaceURI(i);
                            if (uri != null && uri.length() > limits.maxTextLength()) {
                                throw tooLarge("A namespace name is longer than " + limits.maxTextLength());
                            }
                            copy.put(prefix == null ? "" : prefix, uri == null ? "" : uri);
                        }
                        scope = Map.copyOf(copy);
                    }
                    int count = reader.getAttributeCount();
                    if (count > limits.maxAttributes()) {
                        throw tooLarge("An element has more than " + limits.maxAttributes() + " attributes");
                    }
                    Map<QName, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < count; i++) {
                        String value = reader.getAttributeValue(i);
                        if (value.length() > limits.maxTextLength()) {
                            throw tooLarge("An attribute value is longer than " + limits.maxTextLength());
                        }
                        attributes.put(reader.getAttributeName(i), value);
                    }
                    stack.push(new Open(reader.getName(), attributes, scope));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        StringBuilder text = stack.peek().text;
                        if (text.length() + reader.getTextLength() > limits.maxTextLength()) {
                            throw tooLarge("An element's text is longer than " + limits.maxTextLength());
                        }
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = stack.pop().close();
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        stack.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, document start/end
                }
            }
        }
        if (root == null) {
            throw malformed();
        }
        return root;
    }

    /**
     * UTF-16 if the message starts with a UTF-16 byte order mark, else UTF-8 (SOAP over HTTP here is UTF-8),
     * decoded strictly here rather than by the parser, which would follow the XML declaration's encoding.
     */
    private static CharBuffer decode(byte[] document) throws CharacterCodingException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (document.length >= 2 && ((document[0] == (byte) 0xFE && document[1] == (byte) 0xFF)
                || (document[0] == (byte) 0xFF && document[1] == (byte) 0xFE))) {
            charset = StandardCharsets.UTF_16;
        } else if (document.length >= 3 && document[0] == (byte) 0xEF && document[1] == (byte) 0xBB
                && document[2] == (byte) 0xBF) {
            skip = 3;
        }
        CharBuffer text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(document, skip, document.length - skip));
        checkCharacters(text);
        return text;
    }

    /**
     * What Woodstox lets through: U+FFFE and U+FFFF, which are no XML characters, and a second byte order
     * mark, which is text before the root. (The strict decoding already refused unpaired surrogates.)
     */
    private static void checkCharacters(CharBuffer text) throws CharacterCodingException {
        char[] chars = text.array();
        int start = text.arrayOffset() + text.position();
        int end = start + text.remaining();
        if (start < end && chars[start] == '\uFEFF') {
            throw new CharacterCodingException();
        }
        for (int i = start; i < end; i++) {
            if (chars[i] >= '\uFFFE') {
                throw new CharacterCodingException();
            }
        }
    }

    /**
     * Woodstox reports a broken limit as a plain {@link XMLStreamException} and every other problem as one of
     * its subclasses ({@code WstxException}s), or as a runtime exception wrapping one.
     */
    private static SoapFaultException rejected(Exception e) {
        Throwable problem = e instanceof WstxLazyException lazy ? lazy.getCause() : e;
        if (problem != null && problem.getClass() == XMLStreamException.class) {
            return tooLarge("The message is over a size, depth, count or length limit");
        }
        return malformed();
    }

    private static SoapFaultException malformed() {
        return new SoapFaultException(SoapFaultException.Reason.MALFORMED_XML,
                SoapFault.sender("The message is not well-formed XML", Ter.WELL_FORMED));
    }

    private static SoapFaultException tooLarge(String what) {
        return new SoapFaultException(SoapFaultException.Reason.TOO_LARGE, SoapFault.receiver(what, Ter.OUT_OF_MEMORY));
    }
}
