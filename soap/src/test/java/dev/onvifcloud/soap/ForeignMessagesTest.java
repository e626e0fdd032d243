package dev.onvifcloud.soap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.soap.events.CloudFirmwareUpgradeCompleted;
import dev.onvifcloud.soap.events.EventOperations;
import dev.onvifcloud.soap.events.NotificationMessage;
import dev.onvifcloud.soap.events.PullMessagesResponse;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationType;
import dev.onvifcloud.soap.security.CertPathValidationParameters;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.CreateAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CreateCertPathValidationPolicy;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.uplink.SetUplink;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages written by other implementations (other prefixes, default namespaces, CDATA, headers) read as ours. */
class ForeignMessagesTest {

    private static final SoapCodec CODEC = SoapCodec.standard();

    @Test
    void reads_a_set_uplink_with_default_namespace_cdata_and_header() throws Exception {
        byte[] message = Golden.read("golden/foreign/SetUplink.request.xml");
        assertThat(SpecSchemas.errors(message)).isEmpty();
        IncomingRequest request = CODEC.readRequest(message);
        assertThat(request.as(UplinkOperations.SET_UPLINK)).contains(new SetUplink(Fixtures.uplink()));
        assertThat(request.headers().action()).contains(UplinkOperations.SET_UPLINK.action());
    }

    @Test
    void reads_a_cert_path_validation_policy_with_another_prefix() throws Exception {
        byte[] message = Golden.read("golden/foreign/CreateCertPathValidationPolicy.request.xml");
        assertThat(SpecSchemas.errors(message)).isEmpty();
        assertThat(CODEC.readRequest(message).request()).isEqualTo(new CreateCertPathValidationPolicy(
                Optional.of("OCS servers"), new CertPathValidationParameters(Optional.of(false), Optional.empty()),
                List.of(new TrustAnchor(Fixtures.CA))));
    }

    @Test
    void reads_a_client_secret_and_never_shows_it() throws Exception {
        byte[] message = Golden.read("golden/foreign/CreateAuthorizationServerConfiguration.request.xml");
        assertThat(SpecSchemas.errors(message)).isEmpty();
        CreateAuthorizationServerConfiguration request =
                (CreateAuthorizationServerConfiguration) CODEC.readRequest(message).request();
        AuthorizationServerConfigurationData data = request.configuration();
        assertThat(data.type()).isEqualTo(AuthorizationServerConfigurationType.OAuthClientCredentials);
        assertThat(data.clientAuth()).contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        assertThat(data.clientSecret()).contains("s3cr3t-value");
        assertThat(request.toString()).doesNotContain("s3cr3t-value");
        assertThat(data.withoutClientSecret().clientSecret()).isEmpty();
    }

    @Test
    void reads_another_cameras_cloud_firmware_upgrade_event() throws Exception {
        byte[] message = Golden.read("golden/foreign/PullMessages.response.xml");
        assertThat(SpecSchemas.errors(message)).isEmpty();
        Reply<PullMessagesResponse> reply = CODEC.readResponse(EventOperations.PULL_MESSAGES, message);
        PullMessagesResponse response = ((Reply.Success<PullMessagesResponse>) reply).response();
        assertThat(response.currentTime()).isEqualTo(Instant.parse("2026-03-14T09:26:53Z"));
        NotificationMessage notification = response.notificationMessages().get(0);
        assertThat(notification.subscriptionReference().orElseThrow().address())
                .isEqualTo(URI.create("https://camera.local/onvif/pullpoint/7"));
        assertThat(notification.subscriptionReference().orElseThrow().referenceParameters()).isPresent();
        assertThat(notification.topic().orElseThrow().namespaces()).containsEntry("topics", Namespaces.TNS1);
        assertThat(CloudFirmwareUpgradeCompleted.from(notification)).contains(new CloudFirmwareUpgradeCompleted(
                "urn:uuid:6b1c4e2a-92ad-4c5e-8d1f-0a9d1b2c3d4e", false, "Image signature invalid"));

        // and we can relay it unchanged: written again, it is still valid and reads back equal
        byte[] relayed = CODEC.writeResponse(EventOperations.PULL_MESSAGES, response);
        GoldenMessagesTest.assertValid(relayed, "PullMessagesResponse");
        assertThat(CODEC.readResponse(EventOperations.PULL_MESSAGES, relayed)).isEqualTo(reply);
    }
}
