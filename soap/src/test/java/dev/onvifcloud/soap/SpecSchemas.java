package dev.onvifcloud.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The ONVIF schemas of the spec folder ({@code ${onvif.spec.dir}/wsdl}: onvif.xsd, common.xsd and the
 * {@code xs:schema} elements embedded in devicemgmt.wsdl, advancedsecurity.wsdl, uplink.wsdl and event.wsdl)
 * compiled into one {@link Schema}. Imports resolve locally (see {@code schemas/README.md}); nothing is
 * fetched from the network: an import that cannot be resolved fails the test.
 */
final class SpecSchemas {

    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final List<String> WSDLS =
            List.of("devicemgmt.wsdl", "advancedsecurity.wsdl", "uplink.wsdl", "event.wsdl");
    private static final Map<String, String> CLASSPATH_BY_NAMESPACE = Map.of(
            "http://www.w3.org/2005/08/addressing", "schemas/wsdl/ws-addr.xsd",
            "http://www.w3.org/2005/05/xmlmime", "schemas/wsdl/xmime.xsd",
            "http://www.w3.org/XML/1998/namespace", "schemas/wsdl/xml.xsd",
            "http://www.w3.org/2003/05/soap-envelope", "schemas/soap-envelope.xsd",
            "http://docs.oasis-open.org/wsn/b-2", "schemas/wsnt-b-2-subset.xsd",
            "http://docs.oasis-open.org/wsn/t-1", "schemas/wstop-t-1-subset.xsd",
            "http://www.w3.org/2004/08/xop/include", "schemas/xop-include.xsd");

    private static Schema schema;

    /** The Unique Particle Attribution violations found in the ONVIF schemas while compiling them. */
    static final List<String> UPA_VIOLATIONS = new ArrayList<>();

    private SpecSchemas() {
    }

    /** The spec folder's wsdl directory; fails if the system property is missing or wrong. */
    static Path wsdlDirectory() {
        String dir = System.getProperty("onvif.spec.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("System property onvif.spec.dir is not set: run the tests with Maven "
                    + "(surefire sets it to ../shared/spec) or pass -Donvif.spec.dir=<spec folder>");
        }
        Path wsdl = Path.of(dir).resolve("wsdl");
        for (String file : List.of("onvif.xsd", "common.xsd", "devicemgmt.wsdl", "advancedsecurity.wsdl",
                "uplink.wsdl", "event.wsdl")) {
            if (!Files.isRegularFile(wsdl.resolve(file))) {
                throw new IllegalStateException("ONVIF spec file missing: " + wsdl.resolve(file)
                        + " (onvif.spec.dir=" + dir + ")");
            }
        }
        return wsdl;
    }

    /** The compiled schema (built once). */
    static synchronized Schema schema() {
        if (schema == null) {
            schema = build();
        }
        return schema;
    }

    /** Validates a document; returns the errors (empty if valid). */
    static List<String> errors(byte[] document) {
        return errors(new StreamSource(new ByteArrayInputStream(document)));
    }

    /** Validates a document or element; returns the errors (empty if valid). */
    static List<String> errors(Source source) {
        Validator validator = schema().newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(collecting(errors));
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(source);
        } catch (SAXException | IOException e) {
            errors.add(e.getMessage());
        }
        return errors;
    }

    private static Schema build() {
        Path dir = wsdlDirectory();
        SchemaFactory factory = SchemaFactory.newInstance(XSD);
        List<String> errors = new ArrayList<>();
        factory.setErrorHandler(collecting(errors));
        factory.setResourceResolver(resolver(dir));
        List<Source> sources = new ArrayList<>();
        try {
            sources.add(new StreamSource(dir.resolve("onvif.xsd").toFile()));
            for (String wsdl : WSDLS) {
                sources.addAll(embeddedSchemas(dir.resolve(wsdl)));
            }
            Schema compiled = factory.newSchema(sources.toArray(new Source[0]));
            // ONVIF's schemas break XML Schema 1.0's Unique Particle Attribution rule in ~35 places (an optional
            // element followed by an xs:any that also matches it). Xerces reports them and still builds a usable
            // schema; they are recorded in UPA_VIOLATIONS, any other error fails.
            errors.removeIf(error -> {
                if (error.contains("cos-nonambig")) {
                    UPA_VIOLATIONS.add(error);
                    return true;
                }
                return false;
            });
            if (!errors.isEmpty()) {
                throw new IllegalStateException("The ONVIF schemas do not compile: " + errors);
            }
            return compiled;
        } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("The ONVIF schemas do not compile: " + e.getMessage() + " " + errors, e);
        }
    }

    /** The xs:schema elements of a WSDL's types, with the namespace declarations of their ancestors copied on. */
    private static List<Source> embeddedSchemas(Path wsdl)
            throws IOException, SAXException, javax.xml.parsers.ParserConfigurationException {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = dbf.newDocumentBuilder();
        Document document = builder.parse(wsdl.toFile());
        List<Source> sources = new ArrayList<>();
        NodeList types = document.getElementsByTagNameNS(WSDL, "types");
        for (int t = 0; t < types.getLength(); t++) {
            NodeList children = types.item(t).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child instanceof Element schemaElement && XSD.equals(child.getNamespaceURI())
                        && "schema".equals(child.getLocalName())) {
                    inheritNamespaces(schemaElement);
                    sources.add(new DOMSource(schemaElement, wsdl.toUri().toString()));
                }
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("No xs:schema in " + wsdl);
        }
        return sources;
    }

    private static void inheritNamespaces(Element schemaElement) {
        for (Node ancestor = schemaElement.getParentNode(); ancestor instanceof Element element;
             ancestor = element.getParentNode()) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                        && !schemaElement.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                    schemaElement.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getName(),
                            attribute.getValue());
                }
            }
        }
    }

    private static LSResourceResolver resolver(Path dir) {
        return (type, namespace, publicId, systemId, baseUri) -> {
            String name = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
            try {
                if (name.equals("onvif.xsd") || name.equals("common.xsd")) {
                    Path file = dir.resolve(name);
                    return input(Files.readAllBytes(file), file.toUri().toString(), publicId);
                }
                String resource = namespace == null ? null : CLASSPATH_BY_NAMESPACE.get(namespace);
                if (resource != null) {
                    try (InputStream in = SpecSchemas.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("Schema resource missing from the test classpath: "
                                    + resource);
                        }
                        return input(in.readAllBytes(), "classpath:/" + resource, publicId);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read schema for " + namespace, e);
            }
            throw new IllegalStateException("No local schema for namespace " + namespace + " (" + systemId
                    + "); refusing to fetch it from the network");
        };
    }

    private static LSInput input(byte[] bytes, String systemId, String publicId) {
        return new LSInput() {
            @Override public Reader getCharacterStream() { return null; }
            @Override public void setCharacterStream(Reader characterStream) { }
            @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
            @Override public void setByteStream(InputStream byteStream) { }
            @Override public String getStringData() { return null; }
            @Override public void setStringData(String stringData) { }
            @Override public String getSystemId() { return systemId; }
            @Override public void setSystemId(String id) { }
            @Override public String getPublicId() { return publicId; }
            @Override public void setPublicId(String id) { }
            @Override public String getBaseURI() { return systemId; }
            @Override public void setBaseURI(String baseURI) { }
            @Override public String getEncoding() { return null; }
            @Override public void setEncoding(String encoding) { }
            @Override public boolean getCertifiedText() { return false; }
            @Override public void setCertifiedText(boolean certifiedText) { }
        };
    }

    private static ErrorHandler collecting(List<String> errors) {
        return new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
                // warnings are not failures
            }

            @Override
            public void error(SAXParseException exception) {
                errors.add(describe(exception));
            }

            @Override
            public void fatalError(SAXParseException exception) {
                errors.add(describe(exception));
            }
        };
    }

    private static String describe(SAXParseException e) {
        return (e.getSystemId() == null ? "" : e.getSystemId() + ":") + e.getLineNumber() + ":" + e.getColumnNumber()
                + ": " + e.getMessage();
    }
}
