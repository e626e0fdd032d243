package dev.onvifcloud.device.service;

import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FirmwareUpgrade;
import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.device.soap.RequestContext;
import dev.onvifcloud.device.soap.ServiceImplementation;
import dev.onvifcloud.device.soap.SoapDispatcher;
import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.XmlElement;
import dev.onvifcloud.soap.device.DeviceServiceCapabilities;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.soap.device.GetServiceCapabilities;
import dev.onvifcloud.soap.device.GetServiceCapabilitiesResponse;
import dev.onvifcloud.soap.device.GetServices;
import dev.onvifcloud.soap.device.GetServicesResponse;
import dev.onvifcloud.soap.device.OnvifVersion;
import dev.onvifcloud.soap.device.Service;
import dev.onvifcloud.soap.device.SystemReboot;
import dev.onvifcloud.soap.device.SystemRebootResponse;
import dev.onvifcloud.soap.device.UpgradeFirmware;
import dev.onvifcloud.soap.device.UpgradeFirmwareResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.xml.namespace.QName;

/**
 * The device service (tds) as the clouds use it: GetDeviceInformation, GetServices, GetServiceCapabilities,
 * UpgradeFirmware (through the {@link FirmwareUpgrade} agent) and SystemReboot (answers, then the camera
 * restarts its uplinks).
 */
public final class DeviceService implements ServiceImplementation {

    private static final OnvifVersion VERSION = new OnvifVersion(25, 12);

    private final Supplier<DeviceInformation> information;
    private final FirmwareUpgrade firmware;
    private final Runnable reboot;
    private final Map<OnvifService, Supplier<XmlElement>> capabilities;

    /**
     * @param capabilities each other service's capabilities element, for GetServices with IncludeCapability
     * @param reboot       restarts the camera's uplinks; called after the response was made
     */
    public DeviceService(Supplier<DeviceInformation> information, FirmwareUpgrade firmware, Runnable reboot,
                         Map<OnvifService, Supplier<XmlElement>> capabilities) {
        this.information = Objects.requireNonNull(information, "information");
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        this.reboot = Objects.requireNonNull(reboot, "reboot");
        this.capabilities = Map.copyOf(capabilities);
    }

    @Override
    public OnvifService service() {
        return OnvifService.DEVICE;
    }

    /** tds:DeviceServiceCapabilities as signalled. */
    public DeviceServiceCapabilities capabilities() {
        return new DeviceServiceCapabilities(AttributeSet.none(),
                AttributeSet.none().with("TLS1.2", true).with("OnboardKeyGeneration", true)
                        .with("DefaultAccessPolicy", true),
                AttributeSet.none().with("CloudFirmwareUpgrade", firmware.supported())
                        .with("DiscoveryNotSupported", true).with("NetworkConfigNotSupported", true)
                        .with("UserConfigNotSupported", true),
                Optional.empty());
    }

    @Override
    public CompletionStage<? extends SoapResponse> handle(IncomingRequest incoming, RequestContext context)
            throws ServiceFault {
        Object request = incoming.request();
        if (request instanceof GetDeviceInformation) {
            DeviceInformation info = information.get();
            return CompletableFuture.completedFuture(new GetDeviceInformationResponse(info.manufacturer(),
                    info.model(), info.firmwareVersion(), info.serialNumber(), info.hardwareId()));
        } else if (request instanceof GetServices r) {
            return CompletableFuture.completedFuture(services(r.includeCapability(), context));
        } else if (request instanceof GetServiceCapabilities) {
            return CompletableFuture.completedFuture(new GetServiceCapabilitiesResponse(capabilities()));
        } else if (request instanceof UpgradeFirmware r) {
            return CompletableFuture.completedFuture(new UpgradeFirmwareResponse(firmware.start(r.version())));
        } else if (request instanceof SystemReboot) {
            reboot.run();
            return CompletableFuture.completedFuture(new SystemRebootResponse("Rebooting: the uplinks reconnect"));
        }
        throw new ServiceFault(SoapFault.receiver("The operation is not implemented", Ter.ACTION_NOT_SUPPORTED));
    }

    private GetServicesResponse services(boolean includeCapability, RequestContext context) {
        String base = "https://" + context.authority().orElse("camera.invalid");
        List<Service> services = new ArrayList<>();
        for (OnvifService service : List.of(OnvifService.DEVICE, OnvifService.EVENTS,
                OnvifService.ADVANCED_SECURITY, OnvifService.UPLINK)) {
            Optional<XmlElement> element = Optional.empty();
            if (includeCapability) {
                element = service == OnvifService.DEVICE ? Optional.of(deviceCapabilitiesElement())
                        : Optional.ofNullable(capabilities.get(service)).map(Supplier::get);
            }
            services.add(new Service(URI.create(service.namespace()),
                    URI.create(base + SoapDispatcher.SERVICE_PATHS.get(service)), element, VERSION));
        }
        return new GetServicesResponse(services);
    }

    private XmlElement deviceCapabilitiesElement() {
        DeviceServiceCapabilities caps = capabilities();
        return XmlElement.of(tds("Capabilities"))
                .withChild(attributes(tds("Network"), caps.network()))
                .withChild(attributes(tds("Security"), caps.security()))
                .withChild(attributes(tds("System"), caps.system()));
    }

    /** An element carrying an attribute set (for capabilities elements). */
    public static XmlElement attributes(QName name, AttributeSet attributes) {
        XmlElement element = XmlElement.of(name);
        for (Map.Entry<String, String> attribute : attributes.values().entrySet()) {
            element = element.withAttribute(attribute.getKey(), attribute.getValue());
        }
        return element;
    }

    private static QName tds(String name) {
        return new QName(Namespaces.TDS, name, "tds");
    }
}
