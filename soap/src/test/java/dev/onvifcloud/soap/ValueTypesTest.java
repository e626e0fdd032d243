package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.UpgradeFirmware;
import dev.onvifcloud.soap.events.CloudFirmwareUpgradeCompleted;
import dev.onvifcloud.soap.events.ElementItem;
import dev.onvifcloud.soap.events.ItemList;
import dev.onvifcloud.soap.events.Message;
import dev.onvifcloud.soap.events.NotificationMessage;
import dev.onvifcloud.soap.events.SimpleItem;
import dev.onvifcloud.soap.events.TopicExpression;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.uplink.Capabilities;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void content_type_carries_the_soap_action() {
        assertThat(DeviceOperations.UPGRADE_FIRMWARE.contentType()).isEqualTo(
                "application/soap+xml; charset=utf-8; action=\"http://www.onvif.org/ver10/device/wsdl/UpgradeFirmware\"");
        SoapContentType parsed = SoapContentType.parse("Application/SOAP+xml;charset=UTF-8; action=\"urn:x\"");
        assertThat(parsed.isSoap12()).isTrue();
        assertThat(parsed.charset()).isEqualTo("utf-8");
        assertThat(parsed.action()).contains("urn:x");
        assertThat(SoapContentType.parse("text/xml; charset=utf-8").isSoap11()).isTrue();
        assertThat(SoapContentType.parse("application/soap+xml").action()).isEmpty();
    }

    @Test
    void rejects_content_types_that_are_none_and_actions_that_would_break_the_header() {
        assertThatThrownBy(() -> SoapContentType.parse("soap")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapContentType.forAction("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapContentType.forAction("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xs_durations_and_date_times() {
        assertThat(XsdTypes.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(XsdTypes.parseDuration("P1DT1H")).isEqualTo(Duration.ofHours(25));
        assertThat(XsdTypes.parseDuration(" PT0.5S ")).isEqualTo(Duration.ofMillis(500));
        assertThat(XsdTypes.parseDuration("-PT1S")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(XsdTypes.formatDuration(Duration.ofSeconds(-1))).isEqualTo("-PT1S");
        assertThatThrownBy(() -> XsdTypes.parseDuration("P1Y")).isInstanceOf(XsdTypes.TypeMismatch.class);
        assertThatThrownBy(() -> XsdTypes.parseDuration("PT")).isInstanceOf(XsdTypes.TypeMismatch.class);
        assertThatThrownBy(() -> XsdTypes.parseDuration("P")).isInstanceOf(XsdTypes.TypeMismatch.class);
        assertThat(XsdTypes.parseDateTime("2026-03-14T10:00:00+01:00")).isEqualTo(Instant.parse("2026-03-14T09:00:00Z"));
        assertThat(XsdTypes.parseDateTime("2026-03-14T09:00:00")).isEqualTo(Instant.parse("2026-03-14T09:00:00Z"));
        assertThat(XsdTypes.formatDateTime(Instant.parse("2026-03-14T09:00:00.123456Z"))).isEqualTo("2026-03-14T09:00:00.123Z");
        assertThatThrownBy(() -> XsdTypes.parseDateTime("yesterday")).isInstanceOf(XsdTypes.TypeMismatch.class);
        assertThat(XsdTypes.parseBase64("MA\n A=")).containsExactly(0x30, 0x00);
        assertThat(XsdTypes.parseList("  a \n b  ")).containsExactly("a", "b");
        assertThat(XsdTypes.parseInt("+7")).isEqualTo(7);
    }

    @Test
    void the_writer_refuses_characters_xml_cannot_carry() {
        SoapCodec codec = SoapCodec.standard();
        assertThatThrownBy(() -> codec.writeRequest(DeviceOperations.UPGRADE_FIRMWARE, new UpgradeFirmware("1\u0000")))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] escaped = codec.writeRequest(DeviceOperations.UPGRADE_FIRMWARE, new UpgradeFirmware("<1 & \"2\">\u00e9\ud83d\ude00"));
        assertThat(new String(escaped, StandardCharsets.UTF_8)).contains("&lt;1 &amp;");
    }

    @Test
    void text_survives_a_round_trip_exactly() throws Exception {
        SoapCodec codec = SoapCodec.standard();
        UpgradeFirmware request = new UpgradeFirmware("<1 & \"2\"> \u00e9\ud83d\ude00 ]]> tab\there");
        assertThat(codec.readRequest(codec.writeRequest(DeviceOperations.UPGRADE_FIRMWARE, request)).request())
                .isEqualTo(request);
    }

    @Test
    void capability_attributes_are_checked_against_their_type() {
        Capabilities capabilities = Capabilities.of(2, List.of("https"), List.of("mTLS"), true);
        assertThat(capabilities.maxUplinks()).contains(2);
        assertThat(capabilities.protocols()).containsExactly("https");
        assertThat(capabilities.streamingOverUplink()).contains(true);
        assertThatThrownBy(() -> new Capabilities(AttributeSet.none().with("MaxUplinks", "two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MaxUplinks");
        assertThat(new Capabilities(AttributeSet.none().with("VendorThing", "x")).attributes().string("VendorThing"))
                .contains("x");
        assertThatThrownBy(() -> AttributeSet.none().with("Protocols", List.of("a b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ids_and_der_values() {
        assertThatThrownBy(() -> new KeyID("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyID("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new KeyID("k.1-_x").value()).isEqualTo("k.1-_x");
        byte[] bytes = {1, 2, 3};
        Base64DERencodedASN1Value der = new Base64DERencodedASN1Value(bytes);
        bytes[0] = 9;
        assertThat(der.der()).containsExactly(1, 2, 3);
        assertThat(der).isEqualTo(new Base64DERencodedASN1Value(new byte[] {1, 2, 3}));
        assertThat(der.toString()).doesNotContain("[B@");
    }

    @Test
    void distinguished_names_keep_schema_order() {
        DistinguishedName name = DistinguishedName.of(
                new DistinguishedName.Attribute(DistinguishedName.Name.CommonName, "c"),
                new DistinguishedName.Attribute(DistinguishedName.Name.Country, "SE"));
        assertThat(name.attributes()).extracting(DistinguishedName.Attribute::name)
                .containsExactly(DistinguishedName.Name.Country, DistinguishedName.Name.CommonName);
        assertThat(DistinguishedName.commonName("x").attributes()).hasSize(1);
    }

    @Test
    void cloud_firmware_upgrade_completed_is_found_only_under_its_topic() {
        CloudFirmwareUpgradeCompleted event = new CloudFirmwareUpgradeCompleted("urn:uuid:1", true, "ok");
        NotificationMessage notification = event.toNotificationMessage(Fixtures.NOW, Optional.empty());
        assertThat(CloudFirmwareUpgradeCompleted.from(notification)).contains(event);

        NotificationMessage otherTopic = new NotificationMessage(Optional.empty(), Optional.of(
                TopicExpression.onvifTopic(TopicExpression.CONCRETE, "tns1:Monitoring/ProcessorUsage")),
                Optional.empty(), notification.message());
        assertThat(CloudFirmwareUpgradeCompleted.from(otherTopic)).isEmpty();

        NotificationMessage otherNamespace = new NotificationMessage(Optional.empty(), Optional.of(new TopicExpression(
                TopicExpression.CONCRETE, "v:Monitoring/CloudFirmwareUpgrade/Completed", Map.of("v", "urn:vendor"))),
                Optional.empty(), notification.message());
        assertThat(CloudFirmwareUpgradeCompleted.from(otherNamespace)).isEmpty();

        Message noSuccess = new Message(Fixtures.NOW, Optional.empty(), Optional.of(ItemList.of(new SimpleItem("UUID", "u"))),
                Optional.empty(), Optional.of(ItemList.of(new SimpleItem("Success", "perhaps"))));
        assertThat(CloudFirmwareUpgradeCompleted.from(new NotificationMessage(Optional.empty(), notification.topic(),
                Optional.empty(), noSuccess))).isEmpty();

        Message asElements = new Message(Fixtures.NOW, Optional.empty(), Optional.of(ItemList.of(new SimpleItem("UUID", "u"))),
                Optional.empty(), Optional.of(new ItemList(List.of(), List.of(
                        new ElementItem("Success", XmlElement.of(new QName("urn:x", "v"), "true"))))));
        assertThat(CloudFirmwareUpgradeCompleted.from(new NotificationMessage(Optional.empty(), notification.topic(),
                Optional.empty(), asElements))).contains(new CloudFirmwareUpgradeCompleted("u", true, ""));
        assertThatThrownBy(() -> new CloudFirmwareUpgradeCompleted(" ", true, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topic_expressions_must_declare_their_prefixes() {
        assertThatThrownBy(() -> new TopicExpression(TopicExpression.CONCRETE_SET, "tns1:A|x:B", Map.of("tns1", "u")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TopicExpression(TopicExpression.CONCRETE_SET, "tns1:A|tns1:B", Map.of("tns1", "u")).expression())
                .isEqualTo("tns1:A|tns1:B");
    }

    @Test
    void item_names_are_unique_across_simple_and_element_items() {
        assertThatThrownBy(() -> new ItemList(List.of(new SimpleItem("a", "1")),
                List.of(new ElementItem("a", XmlElement.of(new QName("x")))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xml_elements_resolve_prefixed_names_and_ignore_scope_in_equality() {
        XmlElement element = XmlElement.of(new QName("urn:a", "x")).withNamespace("p", "urn:p");
        assertThat(element.resolve("p:Local")).contains(new QName("urn:p", "Local"));
        assertThat(element.resolve("q:Local")).isEmpty();
        assertThat(element.resolve(":Local")).isEmpty();
        assertThat(element.resolve("xml:lang")).contains(new QName(Namespaces.XML, "lang"));
        assertThat(element).isEqualTo(XmlElement.of(new QName("urn:a", "x")));
        assertThat(element.withAttribute("a", "1").attribute("a")).contains("1");
        assertThat(element.withChild(XmlElement.of(new QName("urn:a", "y"))).children(new QName("urn:a", "y"))).hasSize(1);
    }

    @Test
    void schema_validation_catches_a_misordered_message() {
        // a negative control: the validator used by the golden tests does reject what the WSDL forbids
        String misordered = "<tup:SetUplink xmlns:tup='http://www.onvif.org/ver10/uplink/wsdl'><tup:Configuration>"
                + "<tup:UserLevel>User</tup:UserLevel><tup:RemoteAddress>https://o/u</tup:RemoteAddress>"
                + "</tup:Configuration></tup:SetUplink>";
        assertThat(SpecSchemas.errors(misordered.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        String badKeyId = "<tas:DeleteKey xmlns:tas='http://www.onvif.org/ver10/advancedsecurity/wsdl'>"
                + "<tas:KeyID>1 2</tas:KeyID></tas:DeleteKey>";
        assertThat(SpecSchemas.errors(badKeyId.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        String badTopic = "<wsnt:NotificationMessage xmlns:wsnt='http://docs.oasis-open.org/wsn/b-2'><wsnt:Topic>x"
                + "</wsnt:Topic><wsnt:Message><x/></wsnt:Message></wsnt:NotificationMessage>";
        assertThat(SpecSchemas.errors(badTopic.getBytes(StandardCharsets.UTF_8))).as("Topic needs a Dialect").isNotEmpty();
    }

    @Test
    void every_known_namespace_has_its_onvif_prefix() {
        assertThat(Namespaces.prefixOf(Namespaces.TAS)).contains("tas");
        assertThat(Namespaces.prefixOf("urn:unknown")).isEmpty();
        assertThat(URI.create(OnvifService.UPLINK.namespace())).isEqualTo(URI.create(Namespaces.TUP));
    }
}
