package dev.onvifcloud.soap;

import java.io.StringReader;
import java.nio.ByteBuffer;
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

/**
 * Reads a whole XML document into an {@link XmlElement} tree with StAX, within {@link SoapLimits}.
 * DTDs and processing instructions are refused (SOAP 1.2 forbids both), external entities are never
 * resolved. Whitespace-only text between child elements is dropped.
 */
final class XmlTreeReader {

    private final XMLInputFactory factory;
    private final SoapLimits limits;

    XmlTreeReader(SoapLimits limits) {
        this.limits = limits;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // Problems become a fault; nothing is printed.
        factory.setXMLReporter((message, errorType, relatedInformation, location) -> { });
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not resolved");
        });
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
        XMLStreamReader reader;
        try {
            // Decoded here, strictly: the JDK parser prints to stderr when it meets a bad byte sequence itself.
            reader = factory.createXMLStreamReader(new StringReader(decode(document)));
        } catch (XMLStreamException | CharacterCodingException e) {
            throw malformed();
        }
        try {
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            // The JDK parser reports some malformations as unchecked exceptions.
            throw malformed();
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
                    if (declared > 0) {
                        Map<String, String> copy = new HashMap<>(parentScope);
                        for (int i = 0; i < declared; i++) {
                            String prefix = reader.getNamespacePrefix(i);
                            String uri = reader.getNamespaceURI(i);
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

    /** UTF-16 if the message starts with a UTF-16 byte order mark, else UTF-8 (SOAP over HTTP here is UTF-8). */
    private static String decode(byte[] document) throws CharacterCodingException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (document.length >= 2 && ((document[0] == (byte) 0xFE && document[1] == (byte) 0xFF)
                || (document[0] == (byte) 0xFF && document[1] == (byte) 0xFE))) {
            charset = StandardCharsets.UTF_16;
        } else if (document.length >= 3 && document[0] == (byte) 0xEF && document[1] == (byte) 0xBB
                && document[2] == (byte) 0xBF) {
            skip = 3;
        }
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(document, skip, document.length - skip)).toString();
    }

    private static SoapFaultException malformed() {
        return new SoapFaultException(SoapFaultException.Reason.MALFORMED_XML,
                SoapFault.sender("The message is not well-formed XML", Ter.WELL_FORMED));
    }

    private static SoapFaultException tooLarge(String what) {
        return new SoapFaultException(SoapFaultException.Reason.TOO_LARGE, SoapFault.receiver(what, Ter.OUT_OF_MEMORY));
    }
}
