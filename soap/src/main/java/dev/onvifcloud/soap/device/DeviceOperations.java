package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.AccessClass;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** The operations of the ONVIF device service (devicemgmt.wsdl) that the cloud uses. */
public final class DeviceOperations {

    public static final Operation<GetDeviceInformation, GetDeviceInformationResponse> GET_DEVICE_INFORMATION =
            operation("GetDeviceInformation", AccessClass.READ_SYSTEM, GetDeviceInformation.class,
                    DeviceCodecs.GET_DEVICE_INFORMATION, DeviceCodecs.GET_DEVICE_INFORMATION_RESPONSE);
    public static final Operation<GetServices, GetServicesResponse> GET_SERVICES =
            operation("GetServices", AccessClass.PRE_AUTH, GetServices.class,
                    DeviceCodecs.GET_SERVICES, DeviceCodecs.GET_SERVICES_RESPONSE);
    public static final Operation<GetServiceCapabilities, GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES =
            operation("GetServiceCapabilities", AccessClass.PRE_AUTH, GetServiceCapabilities.class,
                    DeviceCodecs.GET_SERVICE_CAPABILITIES, DeviceCodecs.GET_SERVICE_CAPABILITIES_RESPONSE);
    public static final Operation<UpgradeFirmware, UpgradeFirmwareResponse> UPGRADE_FIRMWARE =
            operation("UpgradeFirmware", AccessClass.UNRECOVERABLE, UpgradeFirmware.class,
                    DeviceCodecs.UPGRADE_FIRMWARE, DeviceCodecs.UPGRADE_FIRMWARE_RESPONSE);
    public static final Operation<SystemReboot, SystemRebootResponse> SYSTEM_REBOOT =
            operation("SystemReboot", AccessClass.UNRECOVERABLE, SystemReboot.class,
                    DeviceCodecs.SYSTEM_REBOOT, DeviceCodecs.SYSTEM_REBOOT_RESPONSE);

    /** All device operations of this module. */
    public static final List<Operation<?, ?>> ALL =
            List.of(GET_DEVICE_INFORMATION, GET_SERVICES, GET_SERVICE_CAPABILITIES, UPGRADE_FIRMWARE, SYSTEM_REBOOT);

    private DeviceOperations() {
    }

    private static <Q extends SoapRequest, R extends SoapResponse> Operation<Q, R> operation(
            String name, AccessClass accessClass, Class<Q> type, MessageCodec<Q> request, MessageCodec<R> response) {
        return new Operation<>(OnvifService.DEVICE, name, Namespaces.TDS + "/" + name, accessClass, type,
                request, response);
    }
}
