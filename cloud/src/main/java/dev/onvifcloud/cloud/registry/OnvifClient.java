package dev.onvifcloud.cloud.registry;

import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Standard ONVIF operations (SOAP 1.2 over HTTP POST) sent to one camera through its uplink session. Each call
 * blocks until the camera answers: either the response or the fault it sent ({@link Reply}); no answer at all is
 * a {@link CameraUnreachableException}. Thread-safe.
 */
public final class OnvifClient {

    /** Service addresses (XAddr paths) of the reference camera; any camera accepts them for its services. */
    public static final Map<OnvifService, String> SERVICE_PATHS = Map.of(
            OnvifService.DEVICE, "/onvif/device_service",
            OnvifService.ADVANCED_SECURITY, "/onvif/security",
            OnvifService.UPLINK, "/onvif/uplink",
            OnvifService.EVENTS, "/onvif/events");

    private final UplinkSession session;
    private final SoapCodec codec;
    private final Duration timeout;

    /**
     * @param timeout how long a call waits for the camera's answer (headers and body)
     */
    public OnvifClient(UplinkSession session, SoapCodec codec, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public UplinkSession session() {
        return session;
    }

    /** Sends {@code request} and waits for the camera's answer. */
    public <Q extends SoapRequest, R extends SoapResponse> Reply<R> call(Operation<Q, R> operation, Q request)
            throws CameraUnreachableException {
        if (!session.isOpen()) {
            throw new CameraUnreachableException(CameraUnreachableException.Reason.SESSION_CLOSED,
                    "the uplink session of camera " + session.identity() + " is closed", null);
        }
        UplinkRequest http = UplinkRequest.post(SERVICE_PATHS.get(operation.service()),
                UplinkHeaders.of("content-type", operation.contentType()),
                UplinkBody.of(codec.writeRequest(operation, request)));
        // The send completes on an uplink worker, never a network thread, where reading a streamed body may block;
        // reading it there saves a hand-off to the common pool (a single thread on two cores, shared by the JVM).
        CompletableFuture<byte[]> answer = session.send(http, timeout).thenApply(OnvifClient::soapBody);
        byte[] body;
        try {
            body = answer.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new CameraUnreachableException(CameraUnreachableException.Reason.INTERRUPTED,
                    operation.name() + " interrupted", e);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new CameraUnreachableException(CameraUnreachableException.Reason.TIMEOUT,
                    operation.name() + ": no answer within " + timeout, e);
        } catch (ExecutionException e) {
            throw unreachable(operation, e.getCause());
        }
        try {
            return codec.readResponse(operation, body);
        } catch (SoapFaultException e) {
            throw new CameraUnreachableException(CameraUnreachableException.Reason.NOT_SOAP,
                    operation.name() + ": the answer cannot be read: " + e.getMessage(), e);
        }
    }

    /** The body of a SOAP answer: 200 for a response, 400 or 500 for a fault (SOAP 1.2 HTTP binding). */
    private static byte[] soapBody(UplinkResponse response) {
        try (var stream = response.body().stream()) {
            if (response.status() != 200 && response.status() != 400 && response.status() != 500) {
                throw new NotSoapException("HTTP status " + response.status());
            }
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CameraUnreachableException unreachable(Operation<?, ?> operation, Throwable cause) {
        if (cause instanceof UplinkException e) {
            CameraUnreachableException.Reason reason = switch (e.reason()) {
                case REQUEST_TIMEOUT -> CameraUnreachableException.Reason.TIMEOUT;
                case SESSION_CLOSED -> CameraUnreachableException.Reason.SESSION_CLOSED;
                default -> CameraUnreachableException.Reason.UPLINK_FAILURE;
            };
            return new CameraUnreachableException(reason, operation.name() + ": " + e.getMessage(), e);
        }
        if (cause instanceof NotSoapException) {
            return new CameraUnreachableException(CameraUnreachableException.Reason.NOT_SOAP,
                    operation.name() + ": " + cause.getMessage(), cause);
        }
        return new CameraUnreachableException(CameraUnreachableException.Reason.UPLINK_FAILURE,
                operation.name() + ": " + cause, cause);
    }

    private static final class NotSoapException extends RuntimeException {
        NotSoapException(String message) {
            super(message, null, false, false);
        }
    }
}
