package dev.onvifcloud.device;

import static dev.onvifcloud.device.TestCameras.PATIENCE;
import static dev.onvifcloud.device.TestCameras.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
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
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token client's failures as a cloud sees them: the uplink's Error in GetUplinks names the problem, the
 * camera keeps trying with its backoff, and the uplink connects once the authorization server is fixed.
 */
class TokenClientFailuresTest {

    private static final DevelopmentPki OCS_PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final String CLIENT_ID = "camera-SN0001";

    @TempDir
    Path directory;

    private final UplinkTransport transport = UplinkTransport.create(1);
    private TestAuthorizationServer as;
    private UplinkAcceptor ocs;
    private URI ocsAddress;
    private Camera camera;
    private KeyID key;

    @BeforeEach
    void start() throws Exception {
        as = new TestAuthorizationServer(OCS_PKI);
        ocs = UplinkAcceptor.builder().transport(transport)
                .serverCredential(TestCameras.credential(OCS_PKI.issueServerCertificate("ocs.test")))
                .authenticator(UplinkAuthenticator.accessTokens(token -> as.issued.containsKey(token)
                        ? AuthenticationResult.accepted(as.issued.get(token))
                        : AuthenticationResult.rejected(AuthenticationResult.Rejection.INVALID_TOKEN)))
                .requestTimeout(PATIENCE).build().start();
        ocsAddress = URI.create("https://localhost:" + ocs.localAddress().getPort() + "/uplink");
        camera = TestCameras.camera(directory).transport(transport).build().start();
        key = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR, new CreateECCKeyPair("secp256r1", Optional.of("ocs")))
                .keyID();
        await().atMost(PATIENCE).until(() -> ok(camera, SecurityOperations.GET_KEY_STATUS, new GetKeyStatus(key))
                .keyStatus() == KeyStatus.OK);
    }

    @AfterEach
    void stop() {
        camera.close();
        ocs.close();
        as.close();
        transport.close();
    }

    /** The PCS's configuration for the OCS: its CA, a key, the authorization server, the uplink. */
    private void configureUplink() throws Exception {
        var anchor = ok(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(OCS_PKI.localCaCertificate().getEncoded()), Optional.of("ocs-ca"),
                Optional.empty(), Optional.empty())).certificateID();
        CertPathValidationPolicyID policy = ok(camera, SecurityOperations.CREATE_CERT_PATH_VALIDATION_POLICY,
                new CreateCertPathValidationPolicy(Optional.of("ocs"), CertPathValidationParameters.defaults(),
                        List.of(new TrustAnchor(anchor)))).certPathValidationPolicyID();
        var server = ok(camera, SecurityOperations.CREATE_AUTHORIZATION_SERVER_CONFIGURATION,
                new CreateAuthorizationServerConfiguration(new AuthorizationServerConfigurationData(
                        AuthorizationServerConfigurationType.OAuthClientCredentials,
                        Optional.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT), as.issuer(), Optional.of(CLIENT_ID),
                        Optional.empty(), Optional.of("onvif-uplink"), Optional.of(key), Optional.empty(),
                        Optional.of(policy)))).token();
        ok(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(ocsAddress, Optional.empty(),
                List.of("Administrator"), Optional.empty(), Optional.of(policy.value()), Optional.of(server),
                Optional.empty())));
    }

    private void registerClient() {
        as.register(new ClientRegistration(CLIENT_ID, camera.state().key(key).orElseThrow().publicKey().orElseThrow(),
                Optional.of(key.value())));
    }

    private UplinkConfiguration uplink() {
        return ok(camera, UplinkOperations.GET_UPLINKS, new GetUplinks()).configurations().stream()
                .filter(c -> c.remoteAddress().equals(ocsAddress)).findFirst().orElseThrow();
    }

    private void awaitError(String expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(uplink()).satisfies(c -> {
            assertThat(c.status()).isNotEqualTo(Optional.of(ConnectionStatus.Connected));
            assertThat(c.error()).hasValueSatisfying(e -> assertThat(e).contains(expected));
        }));
    }

    private void awaitConnected() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(uplink()).satisfies(c -> {
            assertThat(c.status()).contains(ConnectionStatus.Connected);
            assertThat(c.error()).isEmpty();
        }));
    }

    @Test
    void metadata_naming_another_issuer_is_reported_and_retried_until_fixed() throws Exception {
        registerClient();
        as.namedIssuer.set(Optional.of("https://impostor.test"));
        configureUplink();

        awaitError("names issuer https://impostor.test");
        int asked = as.metadataRequests.get();
        await().atMost(PATIENCE).until(() -> as.metadataRequests.get() > asked + 2);
        assertThat(as.tokenRequests.get()).isZero();

        as.namedIssuer.set(Optional.empty());
        awaitConnected();
    }

    @Test
    void metadata_is_found_at_the_openid_configuration_location_too() throws Exception {
        registerClient();
        as.metadataAt.set(TestAuthorizationServer.MetadataLocation.OPENID_CONFIGURATION);
        configureUplink();

        awaitConnected();
        assertThat(as.metadataRequests.get()).isGreaterThanOrEqualTo(2); // 404 at oauth-authorization-server first
    }

    @Test
    void metadata_missing_everywhere_is_reported_for_both_locations() throws Exception {
        registerClient();
        as.metadataAt.set(TestAuthorizationServer.MetadataLocation.NOWHERE);
        configureUplink();

        awaitError("oauth-authorization-server answered HTTP 404");
        awaitError("openid-configuration answered HTTP 404");
    }

    @Test
    void an_unknown_client_is_reported_as_invalid_client_and_retried_until_registered() throws Exception {
        configureUplink();

        awaitError("token endpoint answered HTTP 400 invalid_client");
        int asked = as.tokenRequests.get();
        await().atMost(PATIENCE).until(() -> as.tokenRequests.get() > asked + 2);

        registerClient();
        awaitConnected();
    }

    @Test
    void a_failing_token_endpoint_is_reported_and_retried_until_it_recovers() throws Exception {
        registerClient();
        as.tokenFailure.set(Optional.of(new TestAuthorizationServer.Failure(500, "text/html", "<h1>oops</h1>")));
        configureUplink();

        awaitError("token endpoint answered HTTP 500");
        int asked = as.tokenRequests.get();
        await().atMost(PATIENCE).until(() -> as.tokenRequests.get() > asked + 2);

        as.tokenFailure.set(Optional.empty());
        awaitConnected();
    }

    @Test
    void a_garbage_token_response_is_reported_and_retried_until_it_recovers() throws Exception {
        registerClient();
        as.tokenFailure.set(Optional.of(new TestAuthorizationServer.Failure(200, "application/json", "{\"acc")));
        configureUplink();

        awaitError("token response is not JSON");
        as.tokenFailure.set(Optional.of(new TestAuthorizationServer.Failure(200, "application/json",
                "{\"access_token\":\"x\",\"token_type\":\"MAC\"}")));
        awaitError("not Bearer");

        as.tokenFailure.set(Optional.empty());
        awaitConnected();
    }
}
