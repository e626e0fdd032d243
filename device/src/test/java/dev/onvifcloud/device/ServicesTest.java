package dev.onvifcloud.device;

import static dev.onvifcloud.device.TestCameras.PKI;
import static dev.onvifcloud.device.TestCameras.fault;
import static dev.onvifcloud.device.TestCameras.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.device.soap.RequestContext;
import dev.onvifcloud.device.state.StateFile;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.SoapHeaders;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetServiceCapabilities;
import dev.onvifcloud.soap.device.GetServices;
import dev.onvifcloud.soap.device.SystemReboot;
import dev.onvifcloud.soap.device.UpgradeFirmware;
import dev.onvifcloud.soap.events.CloudFirmwareUpgradeCompleted;
import dev.onvifcloud.soap.events.CreatePullPointSubscription;
import dev.onvifcloud.soap.events.EventOperations;
import dev.onvifcloud.soap.events.Filter;
import dev.onvifcloud.soap.events.GetEventProperties;
import dev.onvifcloud.soap.events.PullMessages;
import dev.onvifcloud.soap.events.PullMessagesResponse;
import dev.onvifcloud.soap.events.Renew;
import dev.onvifcloud.soap.events.AbsoluteOrRelativeTime;
import dev.onvifcloud.soap.events.TopicExpression;
import dev.onvifcloud.soap.events.Unsubscribe;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.DeleteCertificate;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.uplink.DeleteUplink;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {

    @TempDir
    Path directory;

    private Camera camera;

    @BeforeEach
    void start() {
        camera = TestCameras.camera(directory).limits(new DeviceLimits(8, 8, 4, 2, 1)).build().start();
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private UplinkResponse http(String method, String path, byte[] body) {
        UplinkRequest request = new UplinkRequest(method, path, Optional.empty(),
                UplinkHeaders.of("content-type", "application/soap+xml"), UplinkBody.of(body));
        return camera.dispatcher().handle(request, UserLevel.Administrator).toCompletableFuture().join();
    }

    // ------------------------------------------------------------------------------------------ dispatcher

    @Test
    void unknown_paths_are_not_found_and_other_methods_not_allowed() {
        assertThat(http("POST", "/nothing/here", new byte[0]).status()).isEqualTo(404);
        assertThat(http("GET", "/onvif/device_service", new byte[0]).status()).isEqualTo(405);
    }

    @Test
    void malformed_envelopes_get_a_sender_fault() throws Exception {
        UplinkResponse response = http("POST", "/onvif/device_service",
                "<not-soap/>".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(500); // VersionMismatch is not a Sender fault
        UplinkResponse garbage = http("POST", "/onvif/device_service", "<<<".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void serves_requests_posted_through_the_uplink_handler() throws Exception {
        UplinkResponse response = http("POST", "/onvif/device_service?x=1", TestCameras.CODEC.writeRequest(
                DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("content-type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/soap+xml"));
    }

    @Test
    void a_user_level_uplink_cannot_set_uplinks_or_read_keys() {
        UplinkConfiguration configuration = new UplinkConfiguration(URI.create("https://cloud.test/uplink"),
                Optional.of("birth-certificate"), List.of("User"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(fault(camera, UserLevel.User, UplinkOperations.SET_UPLINK, new SetUplink(configuration))
                .hasSubcodes(Ter.NOT_AUTHORIZED)).isTrue();
        assertThat(fault(camera, UserLevel.Operator, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.empty())).hasSubcodes(Ter.NOT_AUTHORIZED)).isTrue();
        assertThat(TestCameras.call(camera, UserLevel.User, UplinkOperations.GET_UPLINKS, new GetUplinks()))
                .isInstanceOf(Reply.Success.class);
        assertThat(TestCameras.call(camera, UserLevel.User, DeviceOperations.GET_DEVICE_INFORMATION,
                new GetDeviceInformation())).isInstanceOf(Reply.Success.class);
    }

    // ------------------------------------------------------------------------------------------ uplink service

    @Test
    void set_uplink_faults() {
        URI address = URI.create("https://cloud.test/uplink");
        assertThat(fault(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(address,
                Optional.of("missing"), List.of("Administrator"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))).hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERTIFICATE_ID)).isTrue();
        assertThat(fault(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(address,
                Optional.of("birth-certificate"), List.of("Administrator"), Optional.empty(), Optional.of("missing"),
                Optional.empty(), Optional.empty())))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.CERT_PATH_VALIDATION_POLICY_ID)).isTrue();
        assertThat(fault(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(address,
                Optional.empty(), List.of("Administrator"), Optional.empty(), Optional.empty(),
                Optional.of(new ReferenceToken("missing")), Optional.empty())))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.AUTHORIZATION_SERVER_CONFIGURATION_TOKEN)).isTrue();
        assertThat(fault(camera, UplinkOperations.DELETE_UPLINK, new DeleteUplink(address))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.ADDRESS)).isTrue();
    }

    @Test
    void set_uplink_envelope_faults_from_the_wire() throws Exception {
        String both = "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'"
                + " xmlns:tup='http://www.onvif.org/ver10/uplink/wsdl'><env:Body><tup:SetUplink><tup:Configuration>"
                + "<tup:RemoteAddress>%s</tup:RemoteAddress>%s<tup:UserLevel>Administrator</tup:UserLevel>"
                + "</tup:Configuration></tup:SetUplink></env:Body></env:Envelope>";
        assertThat(faultOf(String.format(both, "https://a.test/", ""))
                .hasSubcodes(Ter.INVALID_ARGS, Ter.MISSING_AUTHENTICATION)).isTrue();
        assertThat(faultOf(String.format(both, "https://a.test/", "<tup:CertificateID>c</tup:CertificateID>"
                + "<tup:AuthorizationServer>t</tup:AuthorizationServer>"))
                .hasSubcodes(Ter.INVALID_ARGS, Ter.AMBIGUOUS_AUTHENTICATION)).isTrue();
        assertThat(faultOf(String.format(both, "http://a.test/", "<tup:CertificateID>c</tup:CertificateID>"))
                .hasSubcodes(Ter.INVALID_ARGS, Ter.PROTOCOL_NOT_SUPPORTED)).isTrue();
    }

    private dev.onvifcloud.soap.SoapFault faultOf(String envelope) throws Exception {
        UplinkResponse response = http("POST", "/onvif/uplink", envelope.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(400);
        Reply<?> reply = TestCameras.CODEC.readResponse(UplinkOperations.SET_UPLINK, response.body().readAllBytes());
        return ((Reply.Failure<?>) reply).fault();
    }

    @Test
    void uplinks_are_listed_with_status_limited_and_deleted() throws Exception {
        URI address = URI.create("https://localhost:1/uplink");
        ok(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(address,
                Optional.of("birth-certificate"), List.of("Operator"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())));
        org.awaitility.Awaitility.await().atMost(TestCameras.PATIENCE).untilAsserted(() ->
                assertThat(ok(camera, UplinkOperations.GET_UPLINKS, new GetUplinks()).configurations())
                        .singleElement().satisfies(c -> {
                            assertThat(c.userLevel()).containsExactly("Operator");
                            assertThat(c.status()).isPresent();
                            assertThat(c.error()).isPresent(); // nothing listens on port 1
                        }));
        assertThat(fault(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(
                URI.create("https://localhost:2/uplink"), Optional.of("birth-certificate"), List.of("Operator"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasSubcodes(Ter.ACTION)).isTrue();
        assertThat(fault(camera, SecurityOperations.DELETE_CERTIFICATE,
                new DeleteCertificate(FactoryDefaults.BIRTH_CERTIFICATE))
                .hasSubcodes(Ter.INVALID_ARG_VAL, Ter.REFERENCE_EXISTS)).isTrue();
        ok(camera, UplinkOperations.DELETE_UPLINK, new DeleteUplink(address));
        assertThat(ok(camera, UplinkOperations.GET_UPLINKS, new GetUplinks()).configurations()).isEmpty();
    }

    @Test
    void signals_uplink_capabilities() {
        var capabilities = ok(camera, UplinkOperations.GET_SERVICE_CAPABILITIES,
                new dev.onvifcloud.soap.uplink.GetServiceCapabilities()).capabilities();
        assertThat(capabilities.protocols()).containsExactly("https", "wss");
        assertThat(capabilities.authorizationModes()).containsExactly("mTLS", "AccessToken");
        assertThat(capabilities.maxUplinks()).contains(1);
    }

    // ------------------------------------------------------------------------------------------ device service

    @Test
    void device_information_services_and_capabilities() {
        assertThat(ok(camera, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation()).model())
                .isEqualTo("CloudCam 1");
        assertThat(ok(camera, DeviceOperations.GET_SERVICES, new GetServices(true)).services())
                .extracting(s -> s.namespace().toString())
                .contains(Namespaces.TDS, Namespaces.TAS, Namespaces.TUP, Namespaces.TEV);
        assertThat(ok(camera, DeviceOperations.GET_SERVICE_CAPABILITIES, new GetServiceCapabilities())
                .capabilities().cloudFirmwareUpgrade()).isFalse();
    }

    @Test
    void system_reboot_answers_and_keeps_the_configuration() {
        URI address = URI.create("https://localhost:1/uplink");
        ok(camera, UplinkOperations.SET_UPLINK, new SetUplink(new UplinkConfiguration(address,
                Optional.of("birth-certificate"), List.of("Operator"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())));
        assertThat(ok(camera, DeviceOperations.SYSTEM_REBOOT, new SystemReboot()).message()).isNotBlank();
        assertThat(ok(camera, UplinkOperations.GET_UPLINKS, new GetUplinks()).configurations())
                .extracting(UplinkConfiguration::remoteAddress).containsExactly(address);
    }

    @Test
    void a_user_level_uplink_cannot_reboot() {
        assertThat(fault(camera, UserLevel.User, DeviceOperations.SYSTEM_REBOOT, new SystemReboot())
                .hasSubcodes(Ter.NOT_AUTHORIZED)).isTrue();
    }

    @Test
    void upgrade_firmware_is_not_supported_by_default() {
        assertThat(fault(camera, DeviceOperations.UPGRADE_FIRMWARE, new UpgradeFirmware("2.0.0"))
                .hasSubcodes(Ter.ACTION_NOT_SUPPORTED)).isTrue();
    }

    // ------------------------------------------------------------------------------------------ events

    @Test
    void pull_point_delivers_the_cloud_firmware_upgrade_event() {
        assertThat(ok(camera, EventOperations.GET_EVENT_PROPERTIES, new GetEventProperties()).fixedTopicSet())
                .isTrue();
        var subscription = ok(camera, EventOperations.CREATE_PULL_POINT_SUBSCRIPTION,
                new CreatePullPointSubscription(Optional.of(Filter.topics(TopicExpression.onvifTopic(
                        TopicExpression.CONCRETE_SET, CloudFirmwareUpgradeCompleted.TOPIC))),
                        Optional.of(AbsoluteOrRelativeTime.in(Duration.ofMinutes(5))), List.of()));
        URI address = subscription.subscriptionReference().address();
        CompletableFuture<UplinkResponse> waiting = pullAt(address, new PullMessages(Duration.ofMinutes(1), 10));
        assertThat(waiting).isNotDone();
        camera.publishCloudFirmwareUpgradeCompleted(true, "2.0.0 installed");
        PullMessagesResponse pulled = read(EventOperations.PULL_MESSAGES, waiting.join());
        assertThat(pulled.notificationMessages()).singleElement().satisfies(m ->
                assertThat(CloudFirmwareUpgradeCompleted.from(m)).hasValueSatisfying(e -> {
                    assertThat(e.success()).isTrue();
                    assertThat(e.information()).isEqualTo("2.0.0 installed");
                }));
        var renewed = read(EventOperations.RENEW, post(address, EventOperations.RENEW,
                new Renew(AbsoluteOrRelativeTime.in(Duration.ofMinutes(2)))).join());
        assertThat(renewed.terminationTime()).isAfter(renewed.currentTime());
        read(EventOperations.UNSUBSCRIBE, post(address, EventOperations.UNSUBSCRIBE, new Unsubscribe()).join());
        UplinkResponse gone = pullAt(address, new PullMessages(Duration.ZERO, 1)).join();
        assertThat(gone.status()).isEqualTo(400);
    }

    @Test
    void signals_event_capabilities() {
        var capabilities = ok(camera, EventOperations.GET_SERVICE_CAPABILITIES,
                new dev.onvifcloud.soap.events.GetServiceCapabilities()).capabilities().attributes();
        assertThat(capabilities.bool("WSSubscriptionPolicySupport")).contains(false);
        assertThat(capabilities.integer("MaxPullPoints")).hasValueSatisfying(n -> assertThat(n).isPositive());
    }

    @Test
    void pull_messages_with_too_long_a_timeout_is_refused() {
        var subscription = ok(camera, EventOperations.CREATE_PULL_POINT_SUBSCRIPTION,
                new CreatePullPointSubscription(Optional.empty(), Optional.empty(), List.of()));
        UplinkResponse response = pullAt(subscription.subscriptionReference().address(),
                new PullMessages(Duration.ofHours(2), 1)).join();
        assertThat(response.status()).isEqualTo(400);
    }

    private CompletableFuture<UplinkResponse> pullAt(URI address, PullMessages request) {
        return post(address, EventOperations.PULL_MESSAGES, request);
    }

    private <Q extends dev.onvifcloud.soap.SoapRequest> CompletableFuture<UplinkResponse> post(
            URI address, dev.onvifcloud.soap.Operation<Q, ?> operation, Q request) {
        byte[] message = TestCameras.CODEC.writeRequest(operation, request,
                SoapHeaders.addressedTo(address, operation.action()));
        return camera.dispatcher().dispatch(message, new RequestContext(UserLevel.Administrator, address.getPath(),
                Optional.of("camera.test"))).toCompletableFuture();
    }

    private static <R extends dev.onvifcloud.soap.SoapResponse> R read(dev.onvifcloud.soap.Operation<?, R> operation,
                                                                        UplinkResponse response) {
        try {
            Reply<R> reply = TestCameras.CODEC.readResponse(operation, response.body().readAllBytes());
            return ((Reply.Success<R>) reply).response();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------ persistence

    @Test
    void configuration_survives_a_restart_and_the_file_is_private() throws Exception {
        var id = ok(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(PKI.localCaCertificate().getEncoded()), Optional.of("ca"),
                Optional.empty(), Optional.empty())).certificateID();
        camera.close();
        camera = TestCameras.camera(directory).build().start();
        assertThat(camera.state().certificate(id)).hasValueSatisfying(c -> {
            assertThat(c.alias()).contains("ca");
            assertThat(c.certificate()).isEqualTo(PKI.localCaCertificate());
        });
        assertThat(camera.state().key(FactoryDefaults.BIRTH_KEY).flatMap(k -> k.privateKey())).isPresent();
        Path file = directory.resolve(StateFile.FILE_NAME);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        assertThat(java.nio.file.Files.exists(directory.resolve(StateFile.FILE_NAME + ".tmp"))).isFalse();
    }

    @Test
    void keys_cut_while_generating_come_back_corrupt() {
        camera.close();
        camera = TestCameras.camera(directory).keyGeneration(task -> { }).build().start();
        var id = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.empty())).keyID();
        camera.close();
        camera = TestCameras.camera(directory).build().start();
        assertThat(camera.state().key(id).orElseThrow().status())
                .isEqualTo(dev.onvifcloud.soap.security.KeyStatus.CORRUPT);
    }
}
