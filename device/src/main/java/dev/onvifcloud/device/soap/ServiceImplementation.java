package dev.onvifcloud.device.soap;

import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.SoapResponse;
import java.util.concurrent.CompletionStage;

/**
 * One ONVIF service of the camera. Gets requests whose access class the uplink's user level already allows;
 * answers with the operation's response, or a {@link ServiceFault} (thrown, or as the failure of the stage).
 */
public interface ServiceImplementation {

    /** The service whose operations this implements. */
    OnvifService service();

    CompletionStage<? extends SoapResponse> handle(IncomingRequest request, RequestContext context)
            throws ServiceFault;
}
