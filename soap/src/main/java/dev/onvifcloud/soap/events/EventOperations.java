package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.AccessClass;
import dev.onvifcloud.soap.MessageCodec;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/**
 * The event service operations (event.wsdl) for a pull-point subscription: GetServiceCapabilities,
 * GetEventProperties and CreatePullPointSubscription go to the event service; PullMessages, Renew and
 * Unsubscribe go to the subscription's address (use {@code SoapHeaders.addressedTo}). SOAP actions are those
 * of event.wsdl's bindings ({@code .../EventPortType/XRequest}, {@code .../bw-2/SubscriptionManager/XRequest}).
 */
public final class EventOperations {

    private static final String EVENT_PORT = Namespaces.TEV + "/EventPortType/";
    private static final String PULL_POINT = Namespaces.TEV + "/PullPointSubscription/";
    private static final String SUBSCRIPTION_MANAGER = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/";

    public static final Operation<GetServiceCapabilities, GetServiceCapabilitiesResponse> GET_SERVICE_CAPABILITIES =
            operation("GetServiceCapabilities", EVENT_PORT + "GetServiceCapabilitiesRequest", AccessClass.PRE_AUTH,
                    GetServiceCapabilities.class, EventCodecs.GET_SERVICE_CAPABILITIES,
                    EventCodecs.GET_SERVICE_CAPABILITIES_RESPONSE);
    public static final Operation<GetEventProperties, GetEventPropertiesResponse> GET_EVENT_PROPERTIES =
            operation("GetEventProperties", EVENT_PORT + "GetEventPropertiesRequest", AccessClass.READ_MEDIA,
                    GetEventProperties.class, EventCodecs.GET_EVENT_PROPERTIES,
                    EventCodecs.GET_EVENT_PROPERTIES_RESPONSE);
    public static final Operation<CreatePullPointSubscription, CreatePullPointSubscriptionResponse>
            CREATE_PULL_POINT_SUBSCRIPTION = operation("CreatePullPointSubscription",
                    EVENT_PORT + "CreatePullPointSubscriptionRequest", AccessClass.READ_MEDIA,
                    CreatePullPointSubscription.class, EventCodecs.CREATE_PULL_POINT_SUBSCRIPTION,
                    EventCodecs.CREATE_PULL_POINT_SUBSCRIPTION_RESPONSE);
    public static final Operation<PullMessages, PullMessagesResponse> PULL_MESSAGES =
            operation("PullMessages", PULL_POINT + "PullMessagesRequest", AccessClass.READ_MEDIA,
                    PullMessages.class, EventCodecs.PULL_MESSAGES, EventCodecs.PULL_MESSAGES_RESPONSE);
    public static final Operation<Renew, RenewResponse> RENEW =
            operation("Renew", SUBSCRIPTION_MANAGER + "RenewRequest", AccessClass.READ_MEDIA,
                    Renew.class, EventCodecs.RENEW, EventCodecs.RENEW_RESPONSE);
    public static final Operation<Unsubscribe, UnsubscribeResponse> UNSUBSCRIBE =
            operation("Unsubscribe", SUBSCRIPTION_MANAGER + "UnsubscribeRequest", AccessClass.READ_MEDIA,
                    Unsubscribe.class, EventCodecs.UNSUBSCRIBE, EventCodecs.UNSUBSCRIBE_RESPONSE);

    /** All event operations of this module. */
    public static final List<Operation<?, ?>> ALL = List.of(GET_SERVICE_CAPABILITIES, GET_EVENT_PROPERTIES,
            CREATE_PULL_POINT_SUBSCRIPTION, PULL_MESSAGES, RENEW, UNSUBSCRIBE);

    private EventOperations() {
    }

    private static <Q extends SoapRequest, R extends SoapResponse> Operation<Q, R> operation(
            String name, String action, AccessClass accessClass, Class<Q> type, MessageCodec<Q> request,
            MessageCodec<R> response) {
        return new Operation<>(OnvifService.EVENTS, name, action, accessClass, type, request, response);
    }
}
