package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.ElementReader;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.XmlElement;
import dev.onvifcloud.soap.XmlWriter;
import dev.onvifcloud.soap.XsdTypes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/** Readers and writers of the device service's body elements. */
final class DeviceCodecs {

    private static final QName MANUFACTURER = tds("Manufacturer");
    private static final QName MODEL = tds("Model");
    private static final QName FIRMWARE_VERSION = tds("FirmwareVersion");
    private static final QName SERIAL_NUMBER = tds("SerialNumber");
    private static final QName HARDWARE_ID = tds("HardwareId");
    private static final QName INCLUDE_CAPABILITY = tds("IncludeCapability");
    private static final QName SERVICE = tds("Service");
    private static final QName NAMESPACE = tds("Namespace");
    private static final QName X_ADDR = tds("XAddr");
    private static final QName CAPABILITIES = tds("Capabilities");
    private static final QName VERSION = tds("Version");
    private static final QName MAJOR = new QName(Namespaces.TT, "Major", "tt");
    private static final QName MINOR = new QName(Namespaces.TT, "Minor", "tt");
    private static final QName NETWORK = tds("Network");
    private static final QName SECURITY = tds("Security");
    private static final QName SYSTEM = tds("System");
    private static final QName MISC = tds("Misc");
    private static final QName EXPECTED_DOWN_TIME = tds("ExpectedDownTime");
    private static final QName MESSAGE = tds("Message");

    static final MessageCodec<GetDeviceInformation> GET_DEVICE_INFORMATION =
            MessageCodec.empty(tds("GetDeviceInformation"), new GetDeviceInformation());
    static final MessageCodec<GetServiceCapabilities> GET_SERVICE_CAPABILITIES =
            MessageCodec.empty(tds("GetServiceCapabilities"), new GetServiceCapabilities());
    static final MessageCodec<SystemReboot> SYSTEM_REBOOT = MessageCodec.empty(tds("SystemReboot"), new SystemReboot());

    static final MessageCodec<GetDeviceInformationResponse> GET_DEVICE_INFORMATION_RESPONSE = MessageCodec.of(
            tds("GetDeviceInformationResponse"),
            body -> new GetDeviceInformationResponse(body.required(MANUFACTURER, text -> text),
                    body.required(MODEL, text -> text), body.required(FIRMWARE_VERSION, text -> text),
                    body.required(SERIAL_NUMBER, text -> text), body.required(HARDWARE_ID, text -> text)),
            (writer, value) -> writer.element(MANUFACTURER, value.manufacturer()).element(MODEL, value.model())
                    .element(FIRMWARE_VERSION, value.firmwareVersion()).element(SERIAL_NUMBER, value.serialNumber())
                    .element(HARDWARE_ID, value.hardwareId()));

    static final MessageCodec<GetServices> GET_SERVICES = MessageCodec.of(tds("GetServices"),
            body -> new GetServices(body.required(INCLUDE_CAPABILITY, XsdTypes::parseBoolean)),
            (writer, value) -> writer.element(INCLUDE_CAPABILITY, Boolean.toString(value.includeCapability())));

    static final MessageCodec<GetServicesResponse> GET_SERVICES_RESPONSE = MessageCodec.of(tds("GetServicesResponse"),
            body -> {
                List<Service> services = new ArrayList<>();
                for (ElementReader service : body.atLeastOne(SERVICE)) {
                    services.add(readService(service));
                }
                return new GetServicesResponse(services);
            },
            (writer, value) -> value.services().forEach(service -> writeService(writer, service)));

    static final MessageCodec<GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES_RESPONSE = MessageCodec.of(
            tds("GetServiceCapabilitiesResponse"),
            body -> {
                ElementReader capabilities = body.required(CAPABILITIES);
                AttributeSet network = AttributeSet.of(capabilities.required(NETWORK).element());
                AttributeSet security = AttributeSet.of(capabilities.required(SECURITY).element());
                AttributeSet system = AttributeSet.of(capabilities.required(SYSTEM).element());
                Optional<AttributeSet> misc = capabilities.optional(MISC).map(r -> AttributeSet.of(r.element()));
                return capabilities.build(() -> new GetServiceCapabilitiesResponse(
                        new DeviceServiceCapabilities(network, security, system, misc)));
            },
            (writer, value) -> {
                DeviceServiceCapabilities capabilities = value.capabilities();
                writer.start(CAPABILITIES);
                attributesElement(writer, NETWORK, capabilities.network());
                attributesElement(writer, SECURITY, capabilities.security());
                attributesElement(writer, SYSTEM, capabilities.system());
                capabilities.misc().ifPresent(misc -> attributesElement(writer, MISC, misc));
                writer.end();
            });

    static final MessageCodec<UpgradeFirmware> UPGRADE_FIRMWARE = MessageCodec.of(tds("UpgradeFirmware"),
            body -> {
                String version = body.required(VERSION, String::strip);
                return body.build(() -> new UpgradeFirmware(version));
            },
            (writer, value) -> writer.element(VERSION, value.version()));

    static final MessageCodec<UpgradeFirmwareResponse> UPGRADE_FIRMWARE_RESPONSE = MessageCodec.of(
            tds("UpgradeFirmwareResponse"),
            body -> {
                Duration downTime = body.required(EXPECTED_DOWN_TIME, XsdTypes::parseDuration);
                return body.build(() -> new UpgradeFirmwareResponse(downTime));
            },
            (writer, value) -> writer.element(EXPECTED_DOWN_TIME, XsdTypes.formatDuration(value.expectedDownTime())));

    static final MessageCodec<SystemRebootResponse> SYSTEM_REBOOT_RESPONSE = MessageCodec.of(
            tds("SystemRebootResponse"),
            body -> new SystemRebootResponse(body.required(MESSAGE, text -> text)),
            (writer, value) -> writer.element(MESSAGE, value.message()));

    private DeviceCodecs() {
    }

    private static QName tds(String localName) {
        return new QName(Namespaces.TDS, localName, "tds");
    }

    private static Service readService(ElementReader service) throws SoapFaultException {
        URI namespace = service.required(NAMESPACE, XsdTypes::parseUri);
        URI xAddr = service.required(X_ADDR, XsdTypes::parseUri);
        Optional<XmlElement> capabilities = Optional.empty();
        Optional<ElementReader> wrapper = service.optional(CAPABILITIES);
        if (wrapper.isPresent()) {
            List<XmlElement> content = wrapper.get().element().children();
            if (content.size() != 1) {
                throw invalid("tds:Capabilities of a tds:Service holds exactly one element");
            }
            capabilities = Optional.of(content.get(0));
        }
        ElementReader version = service.required(VERSION);
        int major = version.required(MAJOR, XsdTypes::parseInt);
        int minor = version.required(MINOR, XsdTypes::parseInt);
        Optional<XmlElement> found = capabilities;
        return service.build(() -> new Service(namespace, xAddr, found, new OnvifVersion(major, minor)));
    }

    private static SoapFaultException invalid(String reason) {
        return new SoapFaultException(SoapFaultException.Reason.INVALID_ARGS,
                dev.onvifcloud.soap.SoapFault.sender(reason, dev.onvifcloud.soap.Ter.INVALID_ARGS));
    }

    private static void writeService(XmlWriter writer, Service service) {
        writer.start(SERVICE).element(NAMESPACE, service.namespace().toString())
                .element(X_ADDR, service.xAddr().toString());
        service.capabilities().ifPresent(capabilities -> writer.start(CAPABILITIES).write(capabilities).end());
        writer.start(VERSION).element(MAJOR, Integer.toString(service.version().major()))
                .element(MINOR, Integer.toString(service.version().minor())).end();
        writer.end();
    }

    private static void attributesElement(XmlWriter writer, QName name, AttributeSet attributes) {
        writer.start(name);
        attributes.writeTo(writer);
        writer.end();
    }
}
