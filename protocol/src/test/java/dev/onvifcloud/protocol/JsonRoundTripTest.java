package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every wire type: golden message to record, record to the same JSON, and unknown members ignored. */
class JsonRoundTripTest {

    private final Json json = new Json(JsonLimits.defaults());

    static Stream<Arguments> goldenMessages() {
        return Stream.of(
                Arguments.of("startDeviceSharing.json", StartDeviceSharing.class, Fixtures.startDeviceSharing()),
                Arguments.of("deviceSharingCompleted.json", DeviceSharingCompleted.class,
                        Fixtures.deviceSharingCompleted()),
                Arguments.of("deviceSharingError-invalid-configuration.json", DeviceSharingError.class,
                        DeviceSharingError.invalidConfiguration()),
                Arguments.of("deviceSharingError-invalid-jwt.json", DeviceSharingError.class,
                        DeviceSharingError.invalidJwt()),
                Arguments.of("getAvailableFWImages.json", GetAvailableFWImages.class, Fixtures.getAvailableFWImages()),
                Arguments.of("availableFWImages.json", AvailableFWImages.class, Fixtures.availableFWImages()),
                Arguments.of("availableFWImages-empty.json", AvailableFWImages.class, new AvailableFWImages(List.of())));
    }

    /** A bare array of strings has no members: availableFWImages has no unknown-member variant. */
    static Stream<Arguments> goldenMessagesWithUnknownMembers() {
        return Stream.of(
                Arguments.of("startDeviceSharing-unknown-members.json", StartDeviceSharing.class,
                        Fixtures.startDeviceSharing()),
                Arguments.of("deviceSharingCompleted-unknown-members.json", DeviceSharingCompleted.class,
                        Fixtures.deviceSharingCompleted()),
                Arguments.of("deviceSharingError-unknown-members.json", DeviceSharingError.class,
                        DeviceSharingError.invalidJwt()),
                Arguments.of("getAvailableFWImages-unknown-members.json", GetAvailableFWImages.class,
                        Fixtures.getAvailableFWImages()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessages")
    void reads_the_golden_message(String file, Class<? extends WireMessage> type, WireMessage expected)
            throws WireFormatException {
        assertThat(json.read(Golden.bytes(file), type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessages")
    void writes_the_golden_message(String file, Class<? extends WireMessage> type, WireMessage message) {
        assertThat(Golden.parse(json.write(message))).isEqualTo(Golden.tree(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessages")
    void reads_back_what_it_writes(String file, Class<? extends WireMessage> type, WireMessage message)
            throws WireFormatException {
        assertThat(json.read(json.write(message), type)).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessagesWithUnknownMembers")
    void ignores_unknown_members(String file, Class<? extends WireMessage> type, WireMessage expected)
            throws WireFormatException {
        assertThat(json.read(Golden.bytes(file), type)).isEqualTo(expected);
    }

    @Test
    void writes_members_in_the_order_of_the_schema_and_omits_an_absent_scope() {
        DeviceConfiguration configuration = new DeviceConfiguration(
                "e30.e30.",
                List.of(URI.create("https://ocs.example.net/done")),
                List.of(new UplinkConfiguration(URI.create("https://uplink.example.net/"), UserLevel.User, "p")),
                List.of(new AuthorizationServerConfiguration(URI.create("https://auth.example.net/"), "c",
                        Optional.empty(), "p")),
                List.of(new CertPathValidationPolicy("p", List.of(Base64Der.of(new byte[] {0x30, 0x00})))));

        String written = new String(json.write(new StartDeviceSharing(List.of(configuration))), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo("{\"deviceConfigurations\":[{\"shareToken\":\"e30.e30.\","
                + "\"endpointReferences\":[\"https://ocs.example.net/done\"],"
                + "\"uplinkConfigurations\":[{\"remoteAddress\":\"https://uplink.example.net/\","
                + "\"userLevel\":\"User\",\"certPathValidationPolicyAlias\":\"p\"}],"
                + "\"authorizationServerConfigurations\":[{\"serverUri\":\"https://auth.example.net/\","
                + "\"clientId\":\"c\",\"certPathValidationPolicyAlias\":\"p\"}],"
                + "\"certPathValidationPolicies\":[{\"alias\":\"p\",\"trustAnchors\":[\"MAA=\"]}]}]}");
    }

    @Test
    void writes_a_present_scope_between_client_id_and_alias() {
        String written = new String(json.write(Fixtures.startDeviceSharing()), StandardCharsets.UTF_8);

        assertThat(written).contains("\"clientId\":\"device-SN12345\",\"scope\":\"onvif-uplink\","
                + "\"certPathValidationPolicyAlias\":\"auth-roots\"");
    }

    @Test
    void writes_the_other_messages_compactly_in_schema_order() {
        assertThat(new String(json.write(new DeviceSharingCompleted("e30.e30.", Base64Der.of(new byte[] {0x30, 0x00}))),
                StandardCharsets.UTF_8)).isEqualTo("{\"shareToken\":\"e30.e30.\",\"devicePublicKey\":\"MAA=\"}");
        assertThat(new String(json.write(DeviceSharingError.invalidConfiguration()), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"Invalid configuration\"}");
        assertThat(new String(json.write(new GetAvailableFWImages("CAM-4K")), StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"CAM-4K\"}");
        assertThat(new String(json.write(new AvailableFWImages(List.of("1.0", "2.0"))), StandardCharsets.UTF_8))
                .isEqualTo("[\"1.0\",\"2.0\"]");
    }

    @Test
    void round_trips_non_ascii_text_as_utf8() throws WireFormatException {
        GetAvailableFWImages model = new GetAvailableFWImages("Kamera \u00fc 4K \ud83d\udcf7");

        assertThat(json.read(json.write(model), GetAvailableFWImages.class)).isEqualTo(model);
    }
}
