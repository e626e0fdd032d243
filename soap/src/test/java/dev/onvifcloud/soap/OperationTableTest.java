package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The operation table agrees with the WSDL bindings (name, SOAP action) and the specifications' access classes. */
class OperationTableTest {

    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private static final Map<OnvifService, String> FILES = Map.of(OnvifService.DEVICE, "devicemgmt.wsdl",
            OnvifService.ADVANCED_SECURITY, "advancedsecurity.wsdl", OnvifService.UPLINK, "uplink.wsdl",
            OnvifService.EVENTS, "event.wsdl");

    @Test
    void every_soap_action_is_bound_to_its_operation_in_the_wsdl() throws Exception {
        for (Operation<?, ?> operation : Operations.all()) {
            Document wsdl = parse(SpecSchemas.wsdlDirectory().resolve(FILES.get(operation.service())));
            List<String> bound = new ArrayList<>();
            NodeList operations = wsdl.getElementsByTagNameNS(WSDL, "operation");
            for (int i = 0; i < operations.getLength(); i++) {
                Element element = (Element) operations.item(i);
                NodeList soap = element.getElementsByTagNameNS(SOAP12, "operation");
                if (soap.getLength() == 1 && element.getAttribute("name").equals(operation.name())) {
                    bound.add(((Element) soap.item(0)).getAttribute("soapAction"));
                }
            }
            assertThat(bound).as(operation.name()).contains(operation.action());
        }
    }

    @Test
    void request_and_response_elements_are_those_of_the_wsdl_messages() throws Exception {
        for (Operation<?, ?> operation : Operations.all()) {
            if (operation.requestElement().getNamespaceURI().equals(Namespaces.WSNT)) {
                continue; // Renew and Unsubscribe: messages of the WS-BaseNotification WSDL (bw-2), not in the folder
            }
            String text = Files.readString(SpecSchemas.wsdlDirectory().resolve(FILES.get(operation.service())));
            String prefix = Namespaces.prefixOf(operation.requestElement().getNamespaceURI()).orElseThrow();
            assertThat(text.contains("element=\"" + prefix + ":" + operation.requestElement().getLocalPart() + "\""))
                    .as(operation + " request element in a wsdl:message").isTrue();
            assertThat(text.contains("element=\"" + prefix + ":" + operation.responseElement().getLocalPart() + "\""))
                    .as(operation + " response element in a wsdl:message").isTrue();
        }
    }

    @Test
    void request_elements_are_unique() {
        Set<Object> seen = new HashSet<>();
        for (Operation<?, ?> operation : Operations.all()) {
            assertThat(seen.add(operation.requestElement())).as(operation.toString()).isTrue();
        }
    }

    @Test
    void access_classes_are_those_of_the_security_and_uplink_specifications() throws IOException {
        Path spec = SpecSchemas.wsdlDirectory().getParent();
        String security = Files.readString(spec.resolve("ONVIF-Security-Service.txt"));
        String uplink = Files.readString(spec.resolve("ONVIF-Uplink.txt"));
        String core = Files.readString(spec.resolve("ONVIF-Core-extracts.txt"));
        for (Operation<?, ?> operation : Operations.all()) {
            String source = switch (operation.service()) {
                case ADVANCED_SECURITY -> security;
                case UPLINK -> uplink;
                case DEVICE, EVENTS -> core;
            };
            String title = switch (operation.name()) {
                case "CreatePullPointSubscription" -> "Create pull point subscription";
                case "PullMessages" -> "Pull messages";
                default -> operation.name();
            };
            accessClassOf(source, title).ifPresent(accessClass ->
                    assertThat(operation.accessClass()).as(operation.name()).isEqualTo(accessClass));
        }
        // the operations the extracts document must be found, so that the check above is not vacuous
        assertThat(accessClassOf(security, "CreatePKCS10CSR")).contains(AccessClass.READ_SYSTEM);
        assertThat(accessClassOf(uplink, "SetUplink")).contains(AccessClass.WRITE_SYSTEM);
        assertThat(accessClassOf(core, "UpgradeFirmware")).contains(AccessClass.UNRECOVERABLE);
        assertThat(accessClassOf(core, "Pull messages")).contains(AccessClass.READ_MEDIA);
    }

    @Test
    void the_default_access_policy_orders_user_levels() {
        assertThat(AccessClass.PRE_AUTH.allowedByDefaultTo("Anonymous")).isTrue();
        assertThat(AccessClass.READ_SYSTEM.allowedByDefaultTo("User")).isTrue();
        assertThat(AccessClass.READ_SYSTEM_SECRET.allowedByDefaultTo("Operator")).isFalse();
        assertThat(AccessClass.WRITE_SYSTEM.allowedByDefaultTo("Operator")).isFalse();
        assertThat(AccessClass.WRITE_SYSTEM.allowedByDefaultTo("Administrator")).isTrue();
        assertThat(AccessClass.ACTUATE.allowedByDefaultTo("Operator")).isTrue();
        assertThat(AccessClass.READ_MEDIA.allowedByDefaultTo("Anonymous")).isFalse();
    }

    private static java.util.Optional<AccessClass> accessClassOf(String spec, String title) {
        int start = spec.indexOf("\n## " + title + "\n");
        if (start < 0) {
            return java.util.Optional.empty();
        }
        int end = spec.indexOf("\n## ", start + 4);
        String section = spec.substring(start, end < 0 ? spec.length() : end);
        int access = section.indexOf("access class");
        if (access < 0) {
            return java.util.Optional.empty();
        }
        String rest = section.substring(access + "access class".length()).strip();
        String word = rest.split("\\s+")[0];
        return java.util.Optional.of(AccessClass.valueOf(word));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
