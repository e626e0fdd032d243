package dev.onvifcloud.device;

import static dev.onvifcloud.device.TestCameras.CODEC;
import static dev.onvifcloud.device.TestCameras.PATIENCE;
import static dev.onvifcloud.device.TestCameras.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.onvifcloud.security.assertion.ClientAssertionPolicy;
import dev.onvifcloud.security.assertion.ClientAssertionVerifier;
import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.assertion.InMemoryJtiReplayGuard;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.GetKeyStatus;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.KeyStatus;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.uplink.ConnectionStatus;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sharing flow from the camera's side, over real uplinks: an MCS configures the camera through the factory
 * uplink (mTLS, birth certificate), the camera gets a token from the OCS's authorization server with a
 * private_key_jwt assertion signed by the key the MCS had it generate, connects to the OCS, and after a restart
 * from its data directory both uplinks come back.
 */
class EndToEndTest {

    private static final String SERIAL = "SN-E2E-1";

    @TempDir
    Path directory;

    /** The OCS and its authorization server belong to another company, with another CA. */
    private static final dev.onvifcloud.security.pki.DevelopmentPki OCS_PKI =
            dev.onvifcloud.security.pki.DevelopmentPki.generate(Clock.systemUTC());

    private final UplinkTransport transport = UplinkTransport.create(2);
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        transport.close();
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    @Test
    void mcs_configures_a_second_uplink_with_an_access_token_and_both_survive_a_restart() throws Exception {
        UplinkAcceptor mcs = closeLater(UplinkAcceptor.builder().transport(transport)
                .serverCredential(TestCameras.credential(PKI.issueServerCertificate("mcs.test")))
                .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(c ->
                        BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                .requestTimeout(PATIENCE).build().start());
        URI mcsAddress = URI.create("https://localhost:" + mcs.localAddress().getPort() + "/uplink");
        TestAuthorizationServer as = closeLater(new TestAuthorizationServer(OCS_PKI));
        UplinkAcceptor ocs = closeLater(UplinkAcceptor.builder().transport(transport)
                .serverCredential(TestCameras.credential(OCS_PKI.issueServerCertificate("ocs.test")))
                .authenticator(UplinkAuthenticator.accessTokens(token -> as.issued.containsKey(token)
                        ? AuthenticationResult.accepted(as.issued.get(token))
                        : AuthenticationResult.rejected(AuthenticationResult.Rejection.INVALID_TOKEN)))
                .requestTimeout(PATIENCE).build().start());
        URI ocsAddress = URI.create("https://localhost:" + ocs.localAddress().getPort() + "/uplink");

        Camera camera = startCamera(mcsAddress);
        UplinkSession mcsSession = session(mcs, SERIAL);

        // The MCS, as PCS, configures the camera for the OCS.
        CertificateID anchor = send(mcsSession, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(OCS_PKI.localCaCertificate().getEncoded()), Optional.of("ocs-ca"),
                Optional.empty(), Optional.empty())).certificateID();
        CertPathValidationPolicyID policy = send(mcsSession, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.of("ocs"), CertPathValidationParameters.defaults(),
                        List.of(new TrustAnchor(anchor)))).certPathValidationPolicyID();
        KeyID key = send(mcsSession, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.of("ocs"))).keyID();
        await().atMost(PATIENCE).until(() -> send(mcsSession, SecurityOperations.GET_KEY_STATUS,
                new GetKeyStatus(key)).keyStatus() == KeyStatus.OK);
        byte[] csr = send(mcsSession, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName(SERIAL), key, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256))
                .pkcs10CSR().der();
        // deviceSharingCompleted: the OCS registers the camera as a client with the CSR's public key.
        String clientId = "camera-" + SERIAL;
        as.register(new ClientRegistration(clientId, CertificationRequest.parse(csr).publicKey(),
                Optional.of(key.value())));
        ReferenceToken server = send(mcsSession, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(new AuthorizationServerConfigurationData(
                        dev.onvifcloud.soap.security.AuthorizationServerConfigurationType.OAuthClientCredentials,
                        Optional.of(dev.onvifcloud.soap.security.ClientAuthenticationMethod.PRIVATE_KEY_JWT),
                        as.issuer(), Optional.of(clientId), Optional.empty(), Optional.of("onvif-uplink"),
                        Optional.of(key), Optional.empty(), Optional.of(policy)))).token();
        send(mcsSession, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(ocsAddress,
                Optional.empty(), List.of("Administrator"), Optional.empty(), Optional.of(policy.value()),
                Optional.of(server), Optional.empty())));

        UplinkSession ocsSession = session(ocs, clientId);
        assertThat(send(ocsSession, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation())
                .serialNumber()).isEqualTo(SERIAL);
        assertThat(as.tokenRequests.get()).isEqualTo(1);
        assertThat(as.lastScope.get()).isEqualTo("onvif-uplink");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(send(mcsSession, UplinkOperations.GET_UPLINKS,
                new GetUplinks()).configurations()).extracting(c -> c.status().orElseThrow())
                .containsOnly(ConnectionStatus.Connected));
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    directory.resolve(dev.onvifcloud.device.state.StateFile.FILE_NAME)))).isEqualTo("rw-------");
        }

        // Restart from the data directory.
        camera.close();
        closing.remove(camera);
        await().atMost(PATIENCE).until(() -> !mcsSession.isOpen() && !ocsSession.isOpen());
        Camera restarted = startCamera(mcsAddress);
        assertThat(restarted.state().keys()).containsKey(key);
        assertThat(restarted.state().uplinks()).containsKeys(mcsAddress, ocsAddress);
        UplinkSession mcsAgain = session(mcs, SERIAL);
        UplinkSession ocsAgain = session(ocs, clientId);
        assertThat(send(ocsAgain, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation())
                .manufacturer()).isEqualTo("Acme");
        assertThat(send(mcsAgain, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(key)).keyStatus())
                .isEqualTo(KeyStatus.OK);
        assertThat(as.tokenRequests.get()).isEqualTo(2);
    }

    private Camera startCamera(URI mcsAddress) {
        return closeLater(Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory).transport(transport).reconnectSchedule(TestCameras.FAST)
                .factoryDefaults(new FactoryDefaults(TestCameras.birthCredential(SERIAL), Optional.of(mcsAddress),
                        List.of(PKI.localCaCertificate())))
                .build().start());
    }

    private static UplinkSession session(UplinkAcceptor acceptor, String identity) {
        return await().atMost(PATIENCE).until(() -> acceptor.sessions().find(new CameraIdentity(identity))
                .filter(UplinkSession::isOpen).orElse(null), s -> s != null);
    }

    static <Q extends SoapRequest, R extends SoapResponse> R send(UplinkSession session, Operation<Q, R> operation,
                                                                   Q request) throws Exception {
        UplinkResponse response = session.send(UplinkRequest.post("/onvif/device_service",
                UplinkHeaders.of("content-type", operation.contentType()),
                UplinkBody.of(CODEC.writeRequest(operation, request)))).get();
        Reply<R> reply = CODEC.readResponse(operation, response.body().readAllBytes());
        if (reply instanceof Reply.Success<R> success) {
            return success.response();
        }
        throw new AssertionError("fault: " + ((Reply.Failure<R>) reply).fault());
    }
}
