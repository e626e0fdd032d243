package dev.onvifcloud.device;

import dev.onvifcloud.device.soap.RequestContext;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.SoapFault;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Certificates minted once per test run, and a way to talk SOAP to a camera without a network. */
final class TestCameras {

    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    static final SoapCodec CODEC = SoapCodec.standard();
    static final DeviceInformation INFORMATION =
            new DeviceInformation("Acme", "CloudCam 1", "1.0.0", "SN0001", "HW-1");
    static final ReconnectSchedule FAST = new ReconnectSchedule(Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(500), 0.1);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestCameras() {
    }

    static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    static TlsCredential birthCredential(String serial) {
        return credential(PKI.issueBirthCertificate(INFORMATION.manufacturer(), INFORMATION.model(), serial));
    }

    /** A camera with no factory uplink. */
    static Camera.Builder camera(Path directory) {
        return Camera.builder().information(INFORMATION).dataDirectory(directory).reconnectSchedule(FAST)
                .factoryDefaults(new FactoryDefaults(birthCredential(INFORMATION.serialNumber()), Optional.empty(),
                        List.of(PKI.localCaCertificate())));
    }

    /** The answer of the camera to one request sent by an uplink with this user level. */
    static <Q extends SoapRequest, R extends SoapResponse> Reply<R> call(Camera camera, UserLevel level,
                                                                          Operation<Q, R> operation, Q request) {
        byte[] message = CODEC.writeRequest(operation, request);
        UplinkResponse response = camera.dispatcher()
                .dispatch(message, new RequestContext(level, "/onvif/device_service", Optional.of("camera.test")))
                .toCompletableFuture().join();
        try {
            Reply<R> reply = CODEC.readResponse(operation, response.body().readAllBytes());
            int expected = reply instanceof Reply.Failure<R> f
                    ? (f.fault().code() == SoapFault.Code.Sender ? 400 : 500) : 200;
            if (response.status() != expected) {
                throw new AssertionError("HTTP " + response.status() + " for " + reply);
            }
            return reply;
        } catch (SoapFaultException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static <Q extends SoapRequest, R extends SoapResponse> R ok(Camera camera, Operation<Q, R> operation, Q request) {
        Reply<R> reply = call(camera, UserLevel.Administrator, operation, request);
        if (reply instanceof Reply.Success<R> success) {
            return success.response();
        }
        throw new AssertionError("fault: " + ((Reply.Failure<R>) reply).fault());
    }

    static <Q extends SoapRequest, R extends SoapResponse> SoapFault fault(Camera camera, Operation<Q, R> operation,
                                                                           Q request) {
        return fault(camera, UserLevel.Administrator, operation, request);
    }

    static <Q extends SoapRequest, R extends SoapResponse> SoapFault fault(Camera camera, UserLevel level,
                                                                           Operation<Q, R> operation, Q request) {
        Reply<R> reply = call(camera, level, operation, request);
        if (reply instanceof Reply.Failure<R> failure) {
            return failure.fault();
        }
        throw new AssertionError("expected a fault, got " + reply);
    }

    static URI uri(String text) {
        return URI.create(text);
    }
}
