package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.AccessClass;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import java.util.List;

/** The operations of the ONVIF Uplink service (uplink.wsdl). */
public final class UplinkOperations {

    public static final Operation<GetServiceCapabilities, GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES =
            operation("GetServiceCapabilities", AccessClass.PRE_AUTH, GetServiceCapabilities.class,
                    UplinkCodecs.GET_SERVICE_CAPABILITIES, UplinkCodecs.GET_SERVICE_CAPABILITIES_RESPONSE);
    public static final Operation<GetUplinks, GetUplinksResponse> GET_UPLINKS =
            operation("GetUplinks", AccessClass.READ_SYSTEM, GetUplinks.class,
                    UplinkCodecs.GET_UPLINKS, UplinkCodecs.GET_UPLINKS_RESPONSE);
    public static final Operation<SetUplink, SetUplinkResponse> SET_UPLINK =
            operation("SetUplink", AccessClass.WRITE_SYSTEM, SetUplink.class,
                    UplinkCodecs.SET_UPLINK, UplinkCodecs.SET_UPLINK_RESPONSE);
    public static final Operation<DeleteUplink, DeleteUplinkResponse> DELETE_UPLINK =
            operation("DeleteUplink", AccessClass.WRITE_SYSTEM, DeleteUplink.class,
                    UplinkCodecs.DELETE_UPLINK, UplinkCodecs.DELETE_UPLINK_RESPONSE);

    /** All uplink operations. */
    public static final List<Operation<?, ?>> ALL =
            List.of(GET_SERVICE_CAPABILITIES, GET_UPLINKS, SET_UPLINK, DELETE_UPLINK);

    private UplinkOperations() {
    }

    private static <Q extends dev.onvifcloud.soap.SoapRequest, R extends dev.onvifcloud.soap.SoapResponse>
            Operation<Q, R> operation(String name, AccessClass accessClass, Class<Q> type,
                                      dev.onvifcloud.soap.MessageCodec<Q> request,
                                      dev.onvifcloud.soap.MessageCodec<R> response) {
        return new Operation<>(OnvifService.UPLINK, name, Namespaces.TUP + "/" + name, accessClass, type,
                request, response);
    }
}
