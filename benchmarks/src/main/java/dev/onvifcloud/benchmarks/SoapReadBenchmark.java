package dev.onvifcloud.benchmarks;

import dev.onvifcloud.soap.IncomingRequest;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.SoapFaultException;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.SecurityOperations;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of reading one SOAP message off the uplink, from its bytes to the typed request or response:
 * the cloud reading a camera's GetDeviceInformation response, and a camera reading the cloud's
 * CreatePKCS10CSR request, both as our codec writes them during onboarding.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SoapReadBenchmark -prof gc} (the gc profiler
 * adds the bytes allocated per message, which a noisy machine does not disturb).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SoapReadBenchmark {

    private SoapCodec codec;
    private byte[] deviceInformationResponse;
    private byte[] createPkcs10CsrRequest;

    @Setup
    public void setup() {
        codec = SoapCodec.standard();
        deviceInformationResponse = codec.writeResponse(DeviceOperations.GET_DEVICE_INFORMATION,
                new GetDeviceInformationResponse("Example Cameras", "EC-100", "2.4.1", "SN-000001", "EC100-rev3"));
        createPkcs10CsrRequest = codec.writeRequest(SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("camera-SN-000001"), new KeyID("key-0f3c9a1e"), List.of(),
                AlgorithmIdentifier.ECDSA_WITH_SHA256));
    }

    /** The cloud reads a camera's tds:GetDeviceInformationResponse. */
    @Benchmark
    public Reply<GetDeviceInformationResponse> readGetDeviceInformationResponse() throws SoapFaultException {
        return codec.readResponse(DeviceOperations.GET_DEVICE_INFORMATION, deviceInformationResponse);
    }

    /** A camera reads the cloud's tas:CreatePKCS10CSR request. */
    @Benchmark
    public IncomingRequest readCreatePkcs10CsrRequest() throws SoapFaultException {
        return codec.readRequest(createPkcs10CsrRequest);
    }
}
