package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.soap.SoapFaultException.Reason;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Every way the envelope codec refuses a message, and faults as values (written, read, schema-valid). */
class EnvelopeFaultsTest {

    private static final SoapCodec CODEC = SoapCodec.standard();
    private static final String ENV = "xmlns:env='http://www.w3.org/2003/05/soap-envelope'";
    private static final String TDS = "xmlns:tds='http://www.onvif.org/ver10/device/wsdl'";

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static SoapFaultException rejected(String xml) {
        return rejected(bytes(xml));
    }

    static SoapFaultException rejected(byte[] message) {
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> CODEC.readRequest(message));
        assertThat(e).as("the message is rejected").isNotNull();
        return e;
    }

    static String envelope(String body) {
        return "<env:Envelope " + ENV + "><env:Body>" + body + "</env:Body></env:Envelope>";
    }

    @Test
    void rejects_malformed_xml_with_a_wellformed_sender_fault() {
        SoapFaultException e = rejected("<env:Envelope " + ENV + "><env:Body></env:Envelope>");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.Sender);
        assertThat(e.fault().subcodes()).containsExactly(Ter.WELL_FORMED);
    }

    @Test
    void rejects_text_that_is_not_xml_and_an_empty_message() {
        assertThat(rejected("hello").reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected("").reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}).reason()).isEqualTo(Reason.MALFORMED_XML);
        assertThat(rejected(new byte[] {'<', 'a', (byte) 0xc3, '>'}).reason()).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void reads_utf8_with_a_byte_order_mark_and_utf16() throws Exception {
        String xml = envelope("<tds:UpgradeFirmware " + TDS + "><tds:Version>2.5 \u00e9</tds:Version></tds:UpgradeFirmware>");
        byte[] utf8 = bytes(xml);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        dev.onvifcloud.soap.device.UpgradeFirmware expected = new dev.onvifcloud.soap.device.UpgradeFirmware("2.5 \u00e9");
        assertThat(CODEC.readRequest(withBom).request()).isEqualTo(expected);
        assertThat(CODEC.readRequest(xml.getBytes(StandardCharsets.UTF_16)).request()).isEqualTo(expected);
    }

    @Test
    void rejects_a_document_type_declaration() {
        SoapFaultException e = rejected("<!DOCTYPE env:Envelope []>" + envelope("<tds:GetDeviceInformation " + TDS + "/>"));
        assertThat(e.reason()).isEqualTo(Reason.DTD_FORBIDDEN);
        assertThat(e.fault().subcodes()).containsExactly(Ter.WELL_FORMED);
    }

    @Test
    void rejects_an_external_entity_without_reading_it() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + envelope("<tds:UpgradeFirmware " + TDS + "><tds:Version>&xxe;</tds:Version></tds:UpgradeFirmware>");
        SoapFaultException e = rejected(xxe);
        assertThat(e.reason()).isEqualTo(Reason.DTD_FORBIDDEN);
        assertThat(e.fault().reason()).doesNotContain("root:");
    }

    @Test
    void rejects_entity_expansion_bombs() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
                + envelope("<tds:UpgradeFirmware " + TDS + "><tds:Version>&b;</tds:Version></tds:UpgradeFirmware>");
        assertThat(rejected(bomb).reason()).isEqualTo(Reason.DTD_FORBIDDEN);
    }

    @Test
    void rejects_an_undeclared_entity_reference() {
        SoapFaultException e = rejected(envelope(
                "<tds:UpgradeFirmware " + TDS + "><tds:Version>&nope;</tds:Version></tds:UpgradeFirmware>"));
        assertThat(e.reason()).isIn(Reason.MALFORMED_XML, Reason.DTD_FORBIDDEN);
    }

    @Test
    void rejects_processing_instructions() {
        SoapFaultException e = rejected(envelope("<?evil data?><tds:GetDeviceInformation " + TDS + "/>"));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_XML);
    }

    @Test
    void answers_a_soap_11_envelope_with_version_mismatch() {
        SoapFaultException e = rejected("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
                + "<tds:GetDeviceInformation " + TDS + "/></s:Body></s:Envelope>");
        assertThat(e.reason()).isEqualTo(Reason.VERSION_MISMATCH);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.VersionMismatch);
        assertThat(e.fault().subcodes()).isEmpty();
    }

    @Test
    void answers_a_root_that_is_no_envelope_with_version_mismatch() {
        assertThat(rejected("<tds:GetDeviceInformation " + TDS + "/>").reason()).isEqualTo(Reason.VERSION_MISMATCH);
    }

    @Test
    void a_version_mismatch_fault_carries_the_upgrade_header_and_is_schema_valid() throws Exception {
        SoapFault fault = rejected("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'/>").fault();
        byte[] written = CODEC.writeFault(fault);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).contains("<env:Upgrade><env:SupportedEnvelope qname=\"env:Envelope\">");
        GoldenMessagesTest.assertValid(written, "Fault");
        assertThat(CODEC.readResponse(DeviceOperations.GET_DEVICE_INFORMATION, written))
                .isEqualTo(new Reply.Failure<GetDeviceInformationResponse>(fault));
    }

    @Test
    void rejects_an_envelope_without_body() {
        SoapFaultException e = rejected("<env:Envelope " + ENV + "/>");
        assertThat(e.reason()).isEqualTo(Reason.MISSING_BODY);
        assertThat(e.fault().subcodes()).containsExactly(Ter.TAG);
        assertThat(rejected("<env:Envelope " + ENV + "><env:Header/></env:Envelope>").reason())
                .isEqualTo(Reason.MISSING_BODY);
    }

    @Test
    void rejects_an_envelope_with_other_children_or_order() {
        assertThat(rejected("<env:Envelope " + ENV + "><env:Body/><env:Header/></env:Envelope>").reason())
                .isEqualTo(Reason.MISSING_BODY);
        assertThat(rejected("<env:Envelope " + ENV + "><env:Body/><env:Body/></env:Envelope>").reason())
                .isEqualTo(Reason.MISSING_BODY);
        assertThat(rejected("<env:Envelope " + ENV + "><x/><env:Body/></env:Envelope>").reason())
                .isEqualTo(Reason.MISSING_BODY);
    }

    @Test
    void rejects_an_empty_body_and_a_body_with_two_elements() {
        assertThat(rejected(envelope("")).reason()).isEqualTo(Reason.MISSING_OPERATION);
        assertThat(rejected(envelope("<tds:GetDeviceInformation " + TDS + "/><tds:SystemReboot " + TDS + "/>"))
                .reason()).isEqualTo(Reason.MISSING_OPERATION);
    }

    @Test
    void rejects_an_unknown_operation() {
        SoapFaultException e = rejected(envelope("<tds:GetDNS " + TDS + "/>"));
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_OPERATION);
        assertThat(e.fault().subcodes()).containsExactly(Ter.UNKNOWN_ACTION);
        // the same local name in another namespace is another operation
        assertThat(rejected(envelope("<GetDeviceInformation/>")).reason()).isEqualTo(Reason.UNKNOWN_OPERATION);
    }

    @Test
    void rejects_a_header_block_it_must_understand_but_does_not() {
        SoapFaultException e = rejected("<env:Envelope " + ENV + "><env:Header><x:Tx xmlns:x='urn:x' "
                + "env:mustUnderstand='true'/></env:Header><env:Body><tds:GetDeviceInformation " + TDS
                + "/></env:Body></env:Envelope>");
        assertThat(e.reason()).isEqualTo(Reason.NOT_UNDERSTOOD);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.MustUnderstand);
    }

    @Test
    void accepts_ws_addressing_and_ws_security_headers_even_when_they_must_be_understood() throws Exception {
        IncomingRequest request = CODEC.readRequest(bytes("<env:Envelope " + ENV + "><env:Header>"
                + "<wsa:Action xmlns:wsa='http://www.w3.org/2005/08/addressing' env:mustUnderstand='1'>"
                + "http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation</wsa:Action>"
                + "<wsa:To xmlns:wsa='http://www.w3.org/2005/08/addressing'>https://camera/onvif/device_service</wsa:To>"
                + "<wsa:MessageID xmlns:wsa='http://www.w3.org/2005/08/addressing'>urn:uuid:1</wsa:MessageID>"
                + "<wsse:Security xmlns:wsse='http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd'"
                + " env:mustUnderstand='true'/>"
                + "<x:Ignored xmlns:x='urn:x'/>"
                + "</env:Header><env:Body><tds:GetDeviceInformation " + TDS + "/></env:Body></env:Envelope>"));
        assertThat(request.operation()).isSameAs(DeviceOperations.GET_DEVICE_INFORMATION);
        assertThat(request.headers().action()).contains("http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation");
        assertThat(request.headers().to()).contains(URI.create("https://camera/onvif/device_service"));
        assertThat(request.headers().messageId()).contains("urn:uuid:1");
        assertThat(request.headers().blocks()).hasSize(5);
    }

    @Test
    void rejects_a_missing_required_element_with_invalid_args() {
        SoapFaultException e = rejected(envelope("<tds:UpgradeFirmware " + TDS + "/>"));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGS);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.Sender);
        assertThat(e.fault().subcodes()).containsExactly(Ter.INVALID_ARGS);
        assertThat(e.fault().reason()).contains("tds:Version", "tds:UpgradeFirmware");
    }

    @Test
    void rejects_a_repeated_element_with_invalid_args() {
        SoapFaultException e = rejected(envelope("<tds:UpgradeFirmware " + TDS
                + "><tds:Version>1</tds:Version><tds:Version>2</tds:Version></tds:UpgradeFirmware>"));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGS);
    }

    @Test
    void rejects_a_value_of_the_wrong_type_with_invalid_args() {
        SoapFaultException e = rejected(envelope("<tds:GetServices " + TDS
                + "><tds:IncludeCapability>yes</tds:IncludeCapability></tds:GetServices>"));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGS);
        assertThat(e.fault().reason()).contains("tds:IncludeCapability").doesNotContain("yes");
    }

    @Test
    void rejects_a_value_that_breaks_a_constraint_with_invalid_arg_val() {
        String tooLong = "k".repeat(65);
        SoapFaultException e = rejected(envelope("<tas:DeleteKey xmlns:tas='http://www.onvif.org/ver10/advancedsecurity/wsdl'>"
                + "<tas:KeyID>" + tooLong + "</tas:KeyID></tas:DeleteKey>"));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_ARG_VAL);
        assertThat(e.fault().subcodes()).containsExactly(Ter.INVALID_ARG_VAL);
        assertThat(e.fault().reason()).contains("tas:KeyID").doesNotContain(tooLong);
    }

    @Test
    void rejects_a_message_over_the_size_limit_before_parsing() {
        SoapCodec small = new SoapCodec(new SoapLimits(1024, 48, 1000, 1024, 16), Formatting.COMPACT, Operations.all());
        byte[] big = bytes(envelope("<tds:UpgradeFirmware " + TDS + "><tds:Version>" + "v".repeat(2000)
                + "</tds:Version></tds:UpgradeFirmware>"));
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> small.readRequest(big));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.fault().code()).isEqualTo(SoapFault.Code.Receiver);
        assertThat(e.fault().subcodes()).containsExactly(Ter.OUT_OF_MEMORY);
    }

    @Test
    void rejects_nesting_deeper_than_the_limit() {
        String deep = "<x>".repeat(60) + "</x>".repeat(60);
        assertThat(rejected(envelope("<tds:GetDeviceInformation " + TDS + ">" + deep + "</tds:GetDeviceInformation>"))
                .reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void rejects_more_elements_than_the_limit() {
        SoapCodec small = new SoapCodec(new SoapLimits(1 << 20, 48, 100, 1024, 16), Formatting.COMPACT,
                Operations.all());
        byte[] many = bytes(envelope("<tds:GetDeviceInformation " + TDS + ">" + "<x/>".repeat(200)
                + "</tds:GetDeviceInformation>"));
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> small.readRequest(many));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void rejects_text_longer_than_the_limit() {
        SoapCodec small = new SoapCodec(new SoapLimits(1 << 20, 48, 100, 128, 16), Formatting.COMPACT, Operations.all());
        byte[] longText = bytes(envelope("<tds:UpgradeFirmware " + TDS + "><tds:Version>" + "v".repeat(200)
                + "</tds:Version></tds:UpgradeFirmware>"));
        assertThat(catchThrowableOfType(SoapFaultException.class, () -> small.readRequest(longText)).reason())
                .isEqualTo(Reason.TOO_LARGE);
        byte[] longAttribute = bytes(envelope("<tds:GetDeviceInformation " + TDS + " a='" + "v".repeat(200) + "'/>"));
        assertThat(catchThrowableOfType(SoapFaultException.class, () -> small.readRequest(longAttribute)).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void rejects_more_attributes_than_the_limit() {
        StringBuilder attributes = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            attributes.append(" a").append(i).append("='1'");
        }
        assertThat(rejected(envelope("<tds:GetDeviceInformation " + TDS + attributes + "/>")).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void limits_must_leave_room_for_a_message() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new SoapLimits(10, 48, 100, 128, 16)))
                .isNotNull();
    }

    @Test
    void reads_a_fault_response_as_a_value_with_its_subcode_chain() throws Exception {
        SoapFault fault = SoapFault.sender("No key is stored under the requested KeyID", Ter.INVALID_ARG_VAL,
                Ter.KEY_ID);
        byte[] written = CODEC.writeFault(fault);
        GoldenMessagesTest.assertValid(written, "Fault");
        Reply<?> reply = CODEC.readResponse(SecurityOperations.GET_KEY_STATUS, written);
        assertThat(reply).isEqualTo(new Reply.Failure<>(fault));
        assertThat(((Reply.Failure<?>) reply).fault().hasSubcodes(Ter.INVALID_ARG_VAL, Ter.KEY_ID)).isTrue();
        assertThat(((Reply.Failure<?>) reply).fault().hasSubcodes(Ter.ACTION)).isFalse();
    }

    @Test
    void writes_and_reads_fault_detail_and_receiver_faults() throws Exception {
        XmlElement detail = XmlElement.of(new QName(Namespaces.TEV, "PullMessagesFaultResponse", "tev"))
                .withChild(XmlElement.of(new QName(Namespaces.TEV, "MaxTimeout", "tev"), "PT1M"))
                .withChild(XmlElement.of(new QName(Namespaces.TEV, "MaxMessageLimit", "tev"), "100"));
        SoapFault fault = SoapFault.receiver("Timeout too long", Ter.ACTION).withDetail(detail);
        byte[] written = CODEC.writeFault(fault);
        GoldenMessagesTest.assertValid(written, "Fault");
        assertThat(CODEC.readResponse(UplinkOperations.GET_UPLINKS, written)).isEqualTo(new Reply.Failure<>(fault));
    }

    @Test
    void reads_a_foreign_fault_with_other_prefixes_languages_and_node() throws Exception {
        byte[] foreign = Golden.read("golden/foreign/Fault.KeyID.xml");
        assertThat(SpecSchemas.errors(foreign)).isEmpty();
        Reply<?> reply = CODEC.readResponse(SecurityOperations.DELETE_KEY, foreign);
        assertThat(reply).isEqualTo(new Reply.Failure<>(new SoapFault(SoapFault.Code.Sender,
                List.of(Ter.INVALID_ARG_VAL, Ter.KEY_ID), "No key is stored under the requested KeyID", List.of())));
    }

    @Test
    void rejects_fault_responses_it_cannot_read() {
        String[] broken = {
            "<env:Fault><env:Reason><env:Text xml:lang='en'>x</env:Text></env:Reason></env:Fault>",
            "<env:Fault><env:Code><env:Value>env:Unknown</env:Value></env:Code>"
                    + "<env:Reason><env:Text xml:lang='en'>x</env:Text></env:Reason></env:Fault>",
            "<env:Fault><env:Code><env:Value>nope:Sender</env:Value></env:Code>"
                    + "<env:Reason><env:Text xml:lang='en'>x</env:Text></env:Reason></env:Fault>",
            "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>Plain</env:Value>"
                    + "</env:Subcode></env:Code><env:Reason><env:Text xml:lang='en'>x</env:Text></env:Reason></env:Fault>",
            "<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason/></env:Fault>",
        };
        for (String fault : broken) {
            SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> CODEC.readResponse(DeviceOperations.SYSTEM_REBOOT,
                    bytes(envelope(fault))));
            assertThat(e).as(fault).isNotNull();
            assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGS);
        }
    }

    @Test
    void rejects_a_response_for_another_operation() {
        SoapFaultException e = catchThrowableOfType(SoapFaultException.class, () -> CODEC.readResponse(DeviceOperations.SYSTEM_REBOOT,
                bytes(envelope("<tds:GetDeviceInformationResponse " + TDS + "/>"))));
        assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_RESPONSE);
    }

    @Test
    void a_fault_needs_a_reason_and_qualified_subcodes() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> SoapFault.sender(" "))).isNotNull();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> SoapFault.sender("x", new QName("Plain"))))
                .isNotNull();
    }

    @Test
    void writes_ws_addressing_headers_and_reads_them_back() throws Exception {
        byte[] written = CODEC.writeRequest(DeviceOperations.SYSTEM_REBOOT, new dev.onvifcloud.soap.device.SystemReboot(),
                SoapHeaders.addressedTo(URI.create("https://camera/onvif/device_service"),
                        DeviceOperations.SYSTEM_REBOOT.action()));
        IncomingRequest read = CODEC.readRequest(written);
        assertThat(read.headers().to()).contains(URI.create("https://camera/onvif/device_service"));
        assertThat(read.headers().action()).contains(DeviceOperations.SYSTEM_REBOOT.action());
        assertThat(SpecSchemas.errors(written)).isEmpty();
    }

    @Test
    void rejects_a_ws_addressing_to_that_is_no_uri() {
        assertThat(rejected("<env:Envelope " + ENV + "><env:Header><wsa:To xmlns:wsa='http://www.w3.org/2005/08/addressing'>"
                + "a b</wsa:To></env:Header><env:Body><tds:GetDeviceInformation " + TDS + "/></env:Body></env:Envelope>")
                .reason()).isEqualTo(Reason.INVALID_ARGS);
    }

    @Test
    void incoming_request_type_must_match_its_operation() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new IncomingRequest(DeviceOperations.SYSTEM_REBOOT,
                new dev.onvifcloud.soap.device.GetDeviceInformation(), SoapHeaders.none())))
                .isNotNull();
        IncomingRequest request = new IncomingRequest(DeviceOperations.SYSTEM_REBOOT,
                new dev.onvifcloud.soap.device.SystemReboot(), SoapHeaders.none());
        assertThat(request.as(DeviceOperations.GET_DEVICE_INFORMATION)).isEqualTo(Optional.empty());
    }
}
