package dev.onvifcloud.device.soap;

import dev.onvifcloud.device.ServiceFault;
import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera's HTTP face on its uplinks: SOAP 1.2 over HTTP POST. Reads the envelope, checks the operation's
 * access class against the uplink's user level ({@code env:Sender / ter:NotAuthorized} when not allowed),
 * hands the request to the service, and writes the response or fault. Sender faults are sent with HTTP 400,
 * the others with 500 (SOAP 1.2 HTTP binding). Every operation is accepted at every service address, as many
 * cameras do; pull points live under {@link #PULL_POINT_PATH}. Other paths: 404; other methods: 405.
 */
public final class SoapDispatcher implements UplinkRequestHandler {

    /** The service addresses (XAddr paths). */
    public static final Map<OnvifService, String> SERVICE_PATHS = Map.of(
            OnvifService.DEVICE, "/onvif/device_service",
            OnvifService.ADVANCED_SECURITY, "/onvif/security",
            OnvifService.UPLINK, "/onvif/uplink",
            OnvifService.EVENTS, "/onvif/events");
    /** Prefix of pull point addresses; the rest of the path names the subscription. */
    public static final String PULL_POINT_PATH = "/onvif/events/pullpoint/";

    private static final Logger LOG = LoggerFactory.getLogger(SoapDispatcher.class);
    private static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    private static final Set<String> PATHS = Set.copyOf(SERVICE_PATHS.values());

    private final SoapCodec codec;
    private final Map<OnvifService, ServiceImplementation> services = new EnumMap<>(OnvifService.class);
    private final String deviceSerial;

    public SoapDispatcher(SoapCodec codec, List<ServiceImplementation> implementations, String deviceSerial) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.deviceSerial = Objects.requireNonNull(deviceSerial, "deviceSerial");
        for (ServiceImplementation implementation : implementations) {
            services.put(implementation.service(), implementation);
        }
    }

    @Override
    public CompletionStage<UplinkResponse> handle(UplinkRequest request, UserLevel level) {
        String path = request.path();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!PATHS.contains(path) && !(path.startsWith(PULL_POINT_PATH) && path.length() > PULL_POINT_PATH.length())) {
            drain(request.body());
            return CompletableFuture.completedFuture(UplinkResponse.status(404));
        }
        if (!request.method().equals("POST")) {
            drain(request.body());
            return CompletableFuture.completedFuture(
                    UplinkResponse.of(405, UplinkHeaders.of("allow", "POST"), UplinkBody.empty()));
        }
        byte[] body;
        try {
            body = readBounded(request.body());
        } catch (IOException e) {
            return CompletableFuture.completedFuture(UplinkResponse.status(400));
        }
        if (body == null) {
            return CompletableFuture.completedFuture(UplinkResponse.status(413));
        }
        return dispatch(body, new RequestContext(level, path, request.authority()));
    }

    /** Serves one SOAP message (also usable without an uplink, e.g. by a local HTTP server). */
    public CompletionStage<UplinkResponse> dispatch(byte[] message, RequestContext context) {
        IncomingRequest incoming;
        try {
            incoming = codec.readRequest(message);
        } catch (SoapFaultException e) {
            return CompletableFuture.completedFuture(fault(e.fault()));
        }
        Operation<?, ?> operation = incoming.operation();
        if (!operation.accessClass().allowedByDefaultTo(context.userLevel().name())) {
            return CompletableFuture.completedFuture(fault(SoapFault.sender(
                    "The uplink's user level may not call " + operation.name(), Ter.NOT_AUTHORIZED)));
        }
        ServiceImplementation service = services.get(operation.service());
        if (service == null) {
            return CompletableFuture.completedFuture(fault(SoapFault.receiver(
                    "The service is not implemented", Ter.ACTION_NOT_SUPPORTED)));
        }
        CompletionStage<? extends SoapResponse> answer;
        try {
            answer = service.handle(incoming, context);
        } catch (ServiceFault e) {
            return CompletableFuture.completedFuture(fault(e.fault()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, error) -> {
            if (error == null) {
                return respond(operation, response);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof ServiceFault serviceFault) {
                return fault(serviceFault.fault());
            }
            LOG.error("camera {}: {} failed", deviceSerial, operation.name(), cause);
            return fault(SoapFault.receiver("The device could not carry out the operation", Ter.ACTION));
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private UplinkResponse respond(Operation<?, ?> operation, SoapResponse response) {
        byte[] bytes = codec.writeResponse((Operation) operation, response);
        return UplinkResponse.of(200, UplinkHeaders.of("content-type", CONTENT_TYPE), UplinkBody.of(bytes));
    }

    private UplinkResponse fault(SoapFault fault) {
        int status = fault.code() == SoapFault.Code.Sender ? 400 : 500;
        return UplinkResponse.of(status, UplinkHeaders.of("content-type", CONTENT_TYPE),
                UplinkBody.of(codec.writeFault(fault)));
    }

    /** The body, or null when it is larger than the codec accepts. */
    private byte[] readBounded(UplinkBody body) throws IOException {
        int max = codec.limits().maxMessageBytes();
        try (InputStream in = body.stream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    private static void drain(UplinkBody body) {
        try (InputStream in = body.stream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the peer went away; nothing to answer
        }
    }
}
