package dev.onvifcloud.device.event;

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
import dev.onvifcloud.soap.XsdTypes;
import dev.onvifcloud.soap.events.AbsoluteOrRelativeTime;
import dev.onvifcloud.soap.events.Capabilities;
import dev.onvifcloud.soap.events.CreatePullPointSubscription;
import dev.onvifcloud.soap.events.CreatePullPointSubscriptionResponse;
import dev.onvifcloud.soap.events.EndpointReference;
import dev.onvifcloud.soap.events.GetEventProperties;
import dev.onvifcloud.soap.events.GetEventPropertiesResponse;
import dev.onvifcloud.soap.events.GetServiceCapabilities;
import dev.onvifcloud.soap.events.GetServiceCapabilitiesResponse;
import dev.onvifcloud.soap.events.NotificationMessage;
import dev.onvifcloud.soap.events.PullMessages;
import dev.onvifcloud.soap.events.PullMessagesResponse;
import dev.onvifcloud.soap.events.Renew;
import dev.onvifcloud.soap.events.RenewResponse;
import dev.onvifcloud.soap.events.TopicExpression;
import dev.onvifcloud.soap.events.Unsubscribe;
import dev.onvifcloud.soap.events.UnsubscribeResponse;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import javax.xml.namespace.QName;

/**
 * The event service (tev) with the real-time pull point interface: GetEventProperties,
 * CreatePullPointSubscription, PullMessages (long poll, bounded by {@link #MAX_TIMEOUT}), Renew, Unsubscribe.
 * {@link #publish} hands an event to every pull point whose filter accepts it.
 */
public final class EventService implements ServiceImplementation {

    /** The longest PullMessages Timeout; longer is answered with a PullMessagesFaultResponse. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** The most messages in one PullMessagesResponse; a larger MessageLimit gets this many. */
    public static final int MAX_MESSAGE_LIMIT = 100;
    /** The longest a subscription lives without being renewed or pulled. */
    public static final Duration MAX_TERMINATION = Duration.ofHours(1);
    static final Duration DEFAULT_TERMINATION = Duration.ofMinutes(1);
    static final int MAX_PULL_POINTS = 16;
    static final int QUEUE_CAPACITY = 1000;

    private static final String WSRF_RW = "http://docs.oasis-open.org/wsrf/rw-2";
    private static final QName RESOURCE_UNKNOWN = new QName(WSRF_RW, "ResourceUnknownFault", "wsrf-rw");
    private static final QName UNACCEPTABLE_TERMINATION_TIME =
            new QName(Namespaces.WSNT, "UnacceptableInitialTerminationTimeFault", "wsnt");
    private static final QName UNACCEPTABLE_RENEW_TERMINATION_TIME =
            new QName(Namespaces.WSNT, "UnacceptableTerminationTimeFault", "wsnt");
    private static final QName INVALID_FILTER = new QName(Namespaces.WSNT, "InvalidFilterFault", "wsnt");
    private static final QName PULL_MESSAGES_FAULT = new QName(Namespaces.TEV, "PullMessagesFaultResponse", "tev");
    private static final QName UNABLE_TO_GET_MESSAGES = new QName(Namespaces.WSNT, "UnableToGetMessagesFault", "wsnt");

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, PullPoint> pullPoints = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public EventService(Clock clock, ScheduledExecutorService timer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public OnvifService service() {
        return OnvifService.EVENTS;
    }

    /** Delivers an event to the pull points that subscribed to it. */
    public void publish(NotificationMessage message) {
        Objects.requireNonNull(message, "message");
        removeExpired();
        pullPoints.values().forEach(pullPoint -> pullPoint.offer(message));
    }

    /** tev:Capabilities as signalled. */
    public Capabilities capabilities() {
        return new Capabilities(AttributeSet.none().with("WSSubscriptionPolicySupport", false)
                .with("WSPausableSubscriptionManagerInterfaceSupport", false)
                .with("MaxNotificationProducers", 0).with("MaxPullPoints", MAX_PULL_POINTS)
                .with("PersistentNotificationStorage", false));
    }

    @Override
    public CompletionStage<? extends SoapResponse> handle(IncomingRequest incoming, RequestContext context)
            throws ServiceFault {
        Object request = incoming.request();
        if (request instanceof GetServiceCapabilities) {
            return CompletableFuture.completedFuture(new GetServiceCapabilitiesResponse(capabilities()));
        } else if (request instanceof GetEventProperties) {
            return CompletableFuture.completedFuture(eventProperties());
        } else if (request instanceof CreatePullPointSubscription r) {
            return CompletableFuture.completedFuture(subscribe(r, context));
        }
        PullPoint pullPoint = pullPoint(incoming, context);
        if (request instanceof PullMessages r) {
            return pull(pullPoint, r);
        } else if (request instanceof Renew r) {
            Instant now = clock.instant();
            Instant termination = termination(r.terminationTime(), now, UNACCEPTABLE_RENEW_TERMINATION_TIME);
            pullPoint.terminationTime(termination);
            return CompletableFuture.completedFuture(new RenewResponse(termination, now));
        } else if (request instanceof Unsubscribe) {
            pullPoints.remove(pullPoint.id());
            pullPoint.close();
            return CompletableFuture.completedFuture(new UnsubscribeResponse());
        }
        throw new ServiceFault(SoapFault.receiver("The operation is not implemented", Ter.ACTION_NOT_SUPPORTED));
    }

    private CreatePullPointSubscriptionResponse subscribe(CreatePullPointSubscription request,
                                                          RequestContext context) throws ServiceFault {
        removeExpired();
        Predicate<NotificationMessage> filter;
        try {
            filter = TopicFilter.of(request.filter());
        } catch (IllegalArgumentException e) {
            throw new ServiceFault(SoapFault.sender("The filter is not supported: " + e.getMessage(), INVALID_FILTER));
        }
        Instant now = clock.instant();
        Instant termination = request.initialTerminationTime().isPresent()
                ? termination(request.initialTerminationTime().get(), now, UNACCEPTABLE_TERMINATION_TIME)
                : now.plus(DEFAULT_TERMINATION);
        if (pullPoints.size() >= MAX_PULL_POINTS) {
            throw new ServiceFault(SoapFault.receiver("No more pull points", Ter.ACTION,
                    new QName(Namespaces.WSNT, "SubscribeCreationFailedFault", "wsnt")));
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        pullPoints.put(id, new PullPoint(id, filter, QUEUE_CAPACITY, termination));
        URI address = URI.create("https://" + context.authority().orElse("camera.invalid")
                + SoapDispatcher.PULL_POINT_PATH + id);
        return new CreatePullPointSubscriptionResponse(EndpointReference.of(address), now, termination);
    }

    private CompletionStage<PullMessagesResponse> pull(PullPoint pullPoint, PullMessages request)
            throws ServiceFault {
        if (request.timeout().compareTo(MAX_TIMEOUT) > 0) {
            XmlElement detail = XmlElement.of(PULL_MESSAGES_FAULT)
                    .withChild(XmlElement.of(new QName(Namespaces.TEV, "MaxTimeout", "tev"),
                            XsdTypes.formatDuration(MAX_TIMEOUT)))
                    .withChild(XmlElement.of(new QName(Namespaces.TEV, "MaxMessageLimit", "tev"),
                            Integer.toString(MAX_MESSAGE_LIMIT)));
            throw new ServiceFault(SoapFault.sender("The Timeout is longer than the device supports",
                    Ter.INVALID_ARG_VAL).withDetail(detail));
        }
        int limit = Math.min(request.messageLimit(), MAX_MESSAGE_LIMIT);
        CompletableFuture<List<NotificationMessage>> messages = pullPoint.pull(request.timeout(), limit, timer,
                DEFAULT_TERMINATION, clock.instant()).orElseThrow(() -> new ServiceFault(SoapFault.sender(
                "Another PullMessages is waiting on this pull point", UNABLE_TO_GET_MESSAGES)));
        return messages.thenApply(list -> new PullMessagesResponse(clock.instant(), pullPoint.terminationTime(), list));
    }

    private PullPoint pullPoint(IncomingRequest incoming, RequestContext context) throws ServiceFault {
        String path = context.path();
        if (!path.startsWith(SoapDispatcher.PULL_POINT_PATH)) {
            path = incoming.headers().to().map(URI::getPath).orElse(path);
        }
        String id = path.startsWith(SoapDispatcher.PULL_POINT_PATH)
                ? path.substring(SoapDispatcher.PULL_POINT_PATH.length()) : "";
        PullPoint pullPoint = pullPoints.get(id);
        if (pullPoint == null || pullPoint.expired(clock.instant())) {
            throw new ServiceFault(SoapFault.sender("The pull point is unknown or expired", RESOURCE_UNKNOWN));
        }
        return pullPoint;
    }

    private Instant termination(AbsoluteOrRelativeTime time, Instant now, QName fault) throws ServiceFault {
        Instant termination = time instanceof AbsoluteOrRelativeTime.Relative relative
                ? now.plus(relative.duration()) : ((AbsoluteOrRelativeTime.Absolute) time).instant();
        if (!termination.isAfter(now) || termination.isAfter(now.plus(MAX_TERMINATION))) {
            throw new ServiceFault(SoapFault.sender("The termination time is not acceptable", fault));
        }
        return termination;
    }

    private void removeExpired() {
        Instant now = clock.instant();
        pullPoints.values().removeIf(pullPoint -> {
            boolean expired = pullPoint.expired(now);
            if (expired) {
                pullPoint.close();
            }
            return expired;
        });
    }

    // ------------------------------------------------------------------------------------------ topics

    private static GetEventPropertiesResponse eventProperties() {
        QName tns1Monitoring = new QName(Namespaces.TNS1, "Monitoring", "tns1");
        QName topic = new QName(Namespaces.WSTOP, "topic", "wstop");
        XmlElement description = XmlElement.of(new QName(Namespaces.TT, "MessageDescription", "tt"))
                .withAttribute("IsProperty", "false")
                .withChild(XmlElement.of(new QName(Namespaces.TT, "Source", "tt"))
                        .withChild(item("UUID", "xs:string")))
                .withChild(XmlElement.of(new QName(Namespaces.TT, "Data", "tt"))
                        .withChild(item("Success", "xs:boolean"))
                        .withChild(item("Information", "xs:string")));
        XmlElement completed = XmlElement.of(new QName("", "Completed"))
                .withAttribute(topic, "true").withChild(description);
        XmlElement topicSet = XmlElement.of(new QName(Namespaces.WSTOP, "TopicSet", "wstop"))
                .withChild(XmlElement.of(tns1Monitoring)
                        .withChild(XmlElement.of(new QName("", "CloudFirmwareUpgrade")).withChild(completed)));
        return new GetEventPropertiesResponse(List.of(GetEventPropertiesResponse.ONVIF_TOPIC_NAMESPACE_LOCATION),
                true, topicSet, List.of(TopicExpression.CONCRETE_SET, TopicExpression.CONCRETE),
                List.of(URI.create("http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter")), List.of(),
                List.of(URI.create("http://www.onvif.org/onvif/ver10/schema/onvif.xsd")));
    }

    private static XmlElement item(String name, String type) {
        return XmlElement.of(new QName(Namespaces.TT, "SimpleItemDescription", "tt"))
                .withAttribute("Name", name).withAttribute("Type", type)
                .withNamespace("xs", "http://www.w3.org/2001/XMLSchema");
    }

    /** Pull points alive now (for tests and diagnostics). */
    public int pullPointCount() {
        removeExpired();
        return pullPoints.size();
    }

    Optional<PullPoint> find(String id) {
        return Optional.ofNullable(pullPoints.get(id));
    }
}
