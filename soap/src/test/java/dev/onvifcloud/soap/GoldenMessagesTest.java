package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * For every operation, request and response: the message we write equals its golden file, the golden file
 * reads back to the fixture, a compact write reads back equal, and the golden file is valid against the
 * ONVIF schemas (the whole envelope, and the body element on its own so that an undeclared element fails).
 */
class GoldenMessagesTest {

    private static final SoapCodec INDENTED = new SoapCodec(SoapLimits.DEFAULT, Formatting.INDENTED, Operations.all());
    private static final SoapCodec COMPACT = SoapCodec.standard();

    @Test
    void every_operation_has_a_fixture() {
        assertThat(Fixtures.all().keySet()).containsExactlyElementsOf(Operations.all());
    }

    @TestFactory
    Stream<DynamicTest> requests() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Operation<?, ?>, List<Object>> entry : Fixtures.all().entrySet()) {
            tests.add(DynamicTest.dynamicTest(entry.getKey().name() + " (" + entry.getKey().service() + ") request",
                    () -> checkRequest(entry.getKey(), (SoapRequest) entry.getValue().get(0))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> responses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Operation<?, ?>, List<Object>> entry : Fixtures.all().entrySet()) {
            tests.add(DynamicTest.dynamicTest(entry.getKey().name() + " (" + entry.getKey().service() + ") response",
                    () -> checkResponse(entry.getKey(), (SoapResponse) entry.getValue().get(1))));
        }
        return tests.stream();
    }

    private static <Q extends SoapRequest> void checkRequest(Operation<Q, ?> operation, SoapRequest fixture)
            throws Exception {
        Q request = operation.requestType().cast(fixture);
        String resource = Golden.path(operation, "request");
        byte[] written = INDENTED.writeRequest(operation, request);
        if (Golden.updating()) {
            Golden.write(resource, written);
        }
        byte[] golden = Golden.read(resource);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));

        IncomingRequest read = COMPACT.readRequest(golden);
        assertThat(read.operation()).isSameAs(operation);
        assertThat(read.request()).isEqualTo(request);
        assertThat(read.as(operation)).contains(request);

        IncomingRequest again = COMPACT.readRequest(COMPACT.writeRequest(operation, request));
        assertThat(again.request()).isEqualTo(request);

        assertValid(golden, operation.requestElement().getLocalPart());
    }

    private static <R extends SoapResponse> void checkResponse(Operation<?, R> operation, SoapResponse fixture)
            throws Exception {
        @SuppressWarnings("unchecked")
        R response = (R) fixture;
        String resource = Golden.path(operation, "response");
        byte[] written = INDENTED.writeResponse(operation, response);
        if (Golden.updating()) {
            Golden.write(resource, written);
        }
        byte[] golden = Golden.read(resource);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));

        assertThat(COMPACT.readResponse(operation, golden)).isEqualTo(new Reply.Success<>(response));
        assertThat(COMPACT.readResponse(operation, COMPACT.writeResponse(operation, response)))
                .isEqualTo(new Reply.Success<>(response));

        assertValid(golden, operation.responseElement().getLocalPart());
    }

    /** The envelope and, strictly, the body element are valid against the ONVIF schemas. */
    static void assertValid(byte[] envelope, String bodyElement) throws Exception {
        assertThat(SpecSchemas.errors(envelope)).as("envelope validation").isEmpty();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(envelope));
        Element body = (Element) document.getElementsByTagNameNS(Namespaces.ENV, "Body").item(0);
        Element child = null;
        for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                child = element;
            }
        }
        assertThat(child).isNotNull();
        assertThat(child.getLocalName()).isEqualTo(bodyElement);
        assertThat(SpecSchemas.errors(new DOMSource(child))).as("strict validation of the body element").isEmpty();
    }
}
