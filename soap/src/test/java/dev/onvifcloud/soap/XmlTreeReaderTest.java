package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.soap.SoapFaultException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XML layer under the codec: what it reads (text, encodings, byte order marks), what it refuses as not
 * well-formed or as a DTD, and where each limit of {@link SoapLimits} falls, one over it and exactly at it.
 */
class XmlTreeReaderTest {

    private static final XmlTreeReader READER = new XmlTreeReader(SoapLimits.DEFAULT);
    /** 2 KiB, depth 4, 8 elements, 64 characters of text, 4 attributes. */
    private static final SoapLimits SMALL = new SoapLimits(2048, 4, 8, 64, 4);

    static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static Reason rejected(String xml) {
        return rejected(READER, utf8(xml));
    }

    static Reason rejected(XmlTreeReader reader, byte[] document) {
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> reader.read(document));
        assertThat(e).as("rejected: %s", new String(document, StandardCharsets.UTF_8)).isNotNull();
        return e.reason();
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    // ---------------------------------------------------------------- what is read

    @Test
    void reads_predefined_entities_character_references_cdata_and_text_around_comments() throws Exception {
        XmlElement root = READER.read(utf8("<r a='&lt;&amp;&#65;'>x&amp;&lt;&gt;&quot;&apos;&#x42;&#x1F600;"
                + "<![CDATA[<y/>]]><!-- gone -->z</r>"));
        assertThat(root.attribute("a")).contains("<&A");
        assertThat(root.text()).isEqualTo("x&<>\"'B\uD83D\uDE00<y/>z");
    }

    @Test
    void reads_names_namespaces_and_attributes() throws Exception {
        XmlElement root = READER.read(utf8("<r xmlns='urn:d' xmlns:p='urn:p' p:a='1' b='2'><p:c/><c xmlns=''/></r>"));
        assertThat(root.name()).isEqualTo(new QName("urn:d", "r"));
        assertThat(root.attributes()).isEqualTo(Map.of(new QName("urn:p", "a"), "1", new QName("b"), "2"));
        assertThat(root.children()).extracting(XmlElement::name)
                .containsExactly(new QName("urn:p", "c"), new QName("c"));
        assertThat(root.namespaceOf("p")).contains("urn:p");
        assertThat(root.namespaceOf("")).contains("urn:d");
    }

    @Test
    void reads_utf8_whatever_encoding_the_declaration_names() throws Exception {
        for (String encoding : new String[] {"ISO-8859-1", "UTF-16", "US-ASCII", "no-such-encoding"}) {
            XmlElement root = READER.read(utf8("<?xml version='1.0' encoding='" + encoding + "'?><r>\u00e9</r>"));
            assertThat(root.text()).as(encoding).isEqualTo("\u00e9");
        }
        byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><r>\u00e9</r>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rejected(READER, latin1)).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void reads_utf16_in_either_byte_order_after_its_byte_order_mark() throws Exception {
        byte[] bigEndian = "<r>\u00e9</r>".getBytes(StandardCharsets.UTF_16);
        byte[] littleEndian = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "<r>\u00e9</r>".getBytes(StandardCharsets.UTF_16LE));
        assertThat(READER.read(bigEndian).text()).isEqualTo("\u00e9");
        assertThat(READER.read(littleEndian).text()).isEqualTo("\u00e9");
        assertThat(rejected(READER, "<r/>".getBytes(StandardCharsets.UTF_16BE))).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void rejects_a_second_byte_order_mark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String document = "<root xmlns='urn:r'><child/></root>";
        assertThat(rejected(READER, concat(bom, concat(bom, utf8(document))))).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected(READER, ("\uFEFF" + document).getBytes(StandardCharsets.UTF_16)))
                .isEqualTo(Reason.MALFORMED_XML);
    }

    // ---------------------------------------------------------------- not well-formed

    @ParameterizedTest
    @ValueSource(strings = {
        "<r>\uFFFE</r>", "<r>\uFFFF</r>", "<r a='\uFFFE'/>", "<r><!--\uFFFF--></r>", "<r>&#xFFFE;</r>",
        "<r>\u0001</r>", "<r a='\u0001'/>", "<r>&#0;</r>", "<r>&#xD800;</r>", "<r>&#xD83D;&#xDE00;</r>"})
    void rejects_characters_that_xml_does_not_allow(String xml) {
        assertThat(rejected(xml)).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void rejects_bytes_that_are_not_utf8() {
        byte[][] broken = {
            {'<', 'r', '>', (byte) 0xC3, 0x28, '<', '/', 'r', '>'},           // bad continuation
            {'<', 'r', '>', (byte) 0xC0, (byte) 0xAF, '<', '/', 'r', '>'},    // overlong '/'
            {'<', 'r', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '<', '/', 'r', '>'}, // encoded surrogate
            {'<', 'r', '>', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '<', '/', 'r', '>'}, // > U+10FFFF
            {'<', 'r', '/', '>', (byte) 0xC3},                                   // truncated at the end
        };
        for (byte[] document : broken) {
            assertThat(rejected(READER, document)).isEqualTo(Reason.MALFORMED_XML);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<r>&foo;</r>", "<r a='x&foo;y'/>", "<r>&#xZZ;</r>", "<r>a & b</r>", "<r>&amp</r>"})
    void rejects_an_undeclared_entity_or_a_broken_reference_in_text_and_attributes(String xml) {
        assertThat(rejected(xml)).isEqualTo(Reason.MALFORMED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<x:r/>", "<r x:a='1'/>", "<r xmlns:p=''/>", "<r xmlns:xml='urn:x'/>",
        "<r xmlns:p='urn:p' xmlns:q='urn:p' p:a='1' q:a='2'/>", "<r a='1' a='2'/>", "<xmlns:r/>"})
    void rejects_namespace_errors(String xml) {
        assertThat(rejected(xml)).isEqualTo(Reason.MALFORMED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<r/><r/>", "<r/>text", "<r/><![CDATA[x]]>", "text<r/>", "<r/><!DOCTYPE r>",
        " <?xml version='1.0'?><r/>", "<?xml version='2.0'?><r/>", "<?xml encoding='UTF-8'?><r/>",
        "<!-- only a comment -->", "<r><!-- a -- b --></r>", ""})
    void rejects_a_document_that_is_not_one_element(String xml) {
        assertThat(rejected(xml)).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void rejects_processing_instructions_anywhere() {
        assertThat(rejected("<?pi x?><r/>")).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected("<r><?pi x?></r>")).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected("<r/><?pi x?>")).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void accepts_comments_and_whitespace_around_the_root() throws Exception {
        assertThat(READER.read(utf8("<?xml version='1.0'?>\n<!-- c --><r/>\n<!-- c -->\n")).name())
                .isEqualTo(new QName("r"));
    }

    // ---------------------------------------------------------------- DTDs and entities

    @Test
    void rejects_entity_expansion_in_an_attribute_as_a_dtd() {
        assertThat(rejected("<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
                + "<r a='&b;'/>")).isEqualTo(Reason.DTD_FORBIDDEN);
    }

    @Test
    void never_fetches_an_external_dtd_or_entity() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/x";
            assertThat(rejected("<!DOCTYPE r SYSTEM '" + url + "'><r/>")).isEqualTo(Reason.DTD_FORBIDDEN);
            assertThat(rejected("<!DOCTYPE r [<!ENTITY e SYSTEM '" + url + "'>]><r>&e;</r>"))
                    .isEqualTo(Reason.DTD_FORBIDDEN);
            assertThat(rejected("<!DOCTYPE r [<!ENTITY % p SYSTEM '" + url + "'> %p;]><r/>"))
                    .isEqualTo(Reason.DTD_FORBIDDEN);
            // Reading is synchronous: a connection made while reading would be waiting here.
            assertThat(server.accept()).isNull();
        }
    }

    // ---------------------------------------------------------------- limits, at and one over

    static String nested(int depth) {
        return "<e>".repeat(depth) + "</e>".repeat(depth);
    }

    @Test
    void allows_nesting_up_to_the_depth_limit() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        assertThat(reader.read(utf8(nested(4))).children()).hasSize(1);
        assertThat(rejected(reader, utf8(nested(5)))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void allows_elements_up_to_the_count_limit() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        assertThat(reader.read(utf8("<r>" + "<e/>".repeat(7) + "</r>")).children()).hasSize(7);
        assertThat(rejected(reader, utf8("<r>" + "<e/>".repeat(8) + "</r>"))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void allows_text_up_to_the_length_limit_however_it_is_split() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        assertThat(reader.read(utf8("<r>" + "v".repeat(64) + "</r>")).text()).hasSize(64);
        assertThat(rejected(reader, utf8("<r>" + "v".repeat(65) + "</r>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r>" + "&amp;".repeat(65) + "</r>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r>" + "v".repeat(40) + "<![CDATA[" + "w".repeat(25) + "]]></r>")))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r>" + "v".repeat(40) + "<!-- c -->" + "w".repeat(25) + "</r>")))
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void allows_attribute_values_and_namespace_names_up_to_the_length_limit() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        assertThat(reader.read(utf8("<r a='" + "v".repeat(64) + "'/>")).attribute("a")).contains("v".repeat(64));
        assertThat(rejected(reader, utf8("<r a='" + "v".repeat(65) + "'/>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r a='" + "&lt;".repeat(65) + "'/>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reader.read(utf8("<r xmlns:p='" + "u".repeat(64) + "'/>")).namespaceOf("p")).isPresent();
        assertThat(rejected(reader, utf8("<r xmlns:p='" + "u".repeat(65) + "'/>"))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void allows_attributes_and_namespace_declarations_each_up_to_the_attribute_limit() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        String fourDeclarations = " xmlns:p='urn:p' xmlns:q='urn:q' xmlns:s='urn:s' xmlns:t='urn:t'";
        XmlElement root = reader.read(utf8("<r" + fourDeclarations + " a='1' b='1' c='1' d='1'/>"));
        assertThat(root.attributes()).hasSize(4);
        assertThat(rejected(reader, utf8("<r a='1' b='1' c='1' d='1' e='1'/>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r" + fourDeclarations + " xmlns:u='urn:u'/>"))).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected(reader, utf8("<r" + fourDeclarations + " xmlns:u='urn:u' a='1' b='1' c='1' d='1'/>")))
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void allows_a_message_up_to_the_size_limit() throws Exception {
        XmlTreeReader reader = new XmlTreeReader(SMALL);
        String atLimit = "<r>" + "v".repeat(64) + "</r>" + " ".repeat(2048 - 71);
        assertThat(utf8(atLimit)).hasSize(2048);
        assertThat(reader.read(utf8(atLimit)).text()).hasSize(64);
        assertThat(rejected(reader, utf8(atLimit + " "))).isEqualTo(Reason.TOO_LARGE);
    }

    // ---------------------------------------------------------------- quiet

    @Test
    void prints_nothing_when_it_rejects_a_message() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            rejected(READER, new byte[] {'<', 'r', '>', (byte) 0xC3, 0x28, '<', '/', 'r', '>'});
            rejected("<r>&foo;</r>");
            rejected("<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><r>&e;</r>");
            rejected("<r><s></r>");
            rejected("<r>\u0001</r>");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
