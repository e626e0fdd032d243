package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records' own invariants, as seen by code that builds messages to send. */
class WireRecordsTest {

    private static final URI ENDPOINT = URI.create("https://ocs.example.net/onvif/deviceSharingCompleted");
    private static final URI UPLINK = URI.create("https://uplink.ocs.example.net/uplink");
    private static final URI AUTH = URI.create("https://auth.ocs.example.net/.well-known/openid-configuration");

    private static CertPathValidationPolicy policy(String alias) {
        return new CertPathValidationPolicy(alias, List.of(Fixtures.uplinkRoot()));
    }

    private static DeviceConfiguration configuration(
            List<UplinkConfiguration> uplinks, List<AuthorizationServerConfiguration> servers,
            List<CertPathValidationPolicy> policies) {
        return new DeviceConfiguration(Fixtures.shareToken(0), List.of(ENDPOINT), uplinks, servers, policies);
    }

    @Test
    void copies_lists_so_later_changes_to_the_source_do_not_show() {
        List<URI> endpoints = new ArrayList<>(List.of(ENDPOINT));
        DeviceConfiguration configuration =
                new DeviceConfiguration(Fixtures.shareToken(0), endpoints, List.of(), List.of(), List.of());

        endpoints.add(URI.create("https://other.example.net/"));

        assertThat(configuration.endpointReferences()).containsExactly(ENDPOINT);
        assertThatThrownBy(() -> configuration.endpointReferences().add(ENDPOINT))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_null_members() {
        assertThatThrownBy(() -> new UplinkConfiguration(UPLINK, null, "roots")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuthorizationServerConfiguration(AUTH, "client", null, "roots"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DeviceSharingCompleted(Fixtures.shareToken(0), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DeviceSharingError(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StartDeviceSharing(null)).isInstanceOf(NullPointerException.class);
        List<URI> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new DeviceConfiguration(Fixtures.shareToken(0), withNull, List.of(), List.of(), List.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejects_blank_strings() {
        assertThatThrownBy(() -> new UplinkConfiguration(UPLINK, UserLevel.User, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizationServerConfiguration(AUTH, "", Optional.empty(), "roots"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizationServerConfiguration(AUTH, "client", Optional.of(" "), "roots"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CertPathValidationPolicy("\t", List.of(Fixtures.uplinkRoot())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GetAvailableFWImages(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AvailableFWImages(List.of("1.0", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_uris_that_are_relative_or_have_no_host() {
        assertThatThrownBy(() -> new UplinkConfiguration(URI.create("/uplink"), UserLevel.User, "roots"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizationServerConfiguration(
                        URI.create("urn:example:auth"), "client", Optional.empty(), "roots"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceConfiguration(Fixtures.shareToken(0), List.of(URI.create("done")),
                        List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_share_token_that_is_not_a_compact_jws() {
        assertThatThrownBy(() -> new DeviceSharingCompleted("not-a-jws", Fixtures.deviceCertificationRequest()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceConfiguration("a.b", List.of(ENDPOINT), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_empty_lists_where_the_specification_needs_an_item() {
        assertThatThrownBy(() -> new StartDeviceSharing(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceConfiguration(Fixtures.shareToken(0), List.of(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CertPathValidationPolicy("roots", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accepts_a_device_configuration_without_uplinks_servers_or_policies() {
        assertThat(configuration(List.of(), List.of(), List.of()).certPathValidationPolicies()).isEmpty();
    }

    @Test
    void rejects_an_uplink_alias_that_names_no_policy() {
        assertThatThrownBy(() -> configuration(
                        List.of(new UplinkConfiguration(UPLINK, UserLevel.User, "missing")), List.of(),
                        List.of(policy("roots"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_an_authorization_server_alias_that_names_no_policy() {
        assertThatThrownBy(() -> configuration(
                        List.of(), List.of(new AuthorizationServerConfiguration(AUTH, "client", Optional.empty(), "missing")),
                        List.of(policy("roots"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_duplicate_policy_aliases() {
        assertThatThrownBy(() -> configuration(List.of(), List.of(), List.of(policy("roots"), policy("roots"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_duplicate_uplink_remote_addresses() {
        UplinkConfiguration uplink = new UplinkConfiguration(UPLINK, UserLevel.User, "roots");
        assertThatThrownBy(() -> configuration(List.of(uplink, uplink), List.of(), List.of(policy("roots"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_share_token_used_by_two_device_configurations() {
        DeviceConfiguration configuration = configuration(List.of(), List.of(), List.of());
        assertThatThrownBy(() -> new StartDeviceSharing(List.of(configuration, configuration)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_never_shows_the_share_token() {
        String token = Fixtures.shareToken(0);

        assertThat(configuration(List.of(), List.of(), List.of()).toString()).doesNotContain(token.split("\\.")[2]);
        assertThat(Fixtures.startDeviceSharing().toString()).doesNotContain(token.split("\\.")[2]);
        assertThat(Fixtures.deviceSharingCompleted().toString()).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void user_levels_are_the_wire_names() {
        assertThat(UserLevel.values()).extracting(UserLevel::wireName)
                .containsExactly("Administrator", "Operator", "User");
        assertThat(UserLevel.fromWireName("Operator")).contains(UserLevel.Operator);
        assertThat(UserLevel.fromWireName("operator")).isEmpty();
    }

    @Test
    void device_sharing_errors_have_exactly_the_two_wire_values() {
        assertThat(DeviceSharingError.Code.values()).extracting(DeviceSharingError.Code::wireName)
                .containsExactly("Invalid configuration", "Invalid JWT");
        assertThat(DeviceSharingError.invalidConfiguration().error()).isEqualTo(DeviceSharingError.Code.INVALID_CONFIGURATION);
        assertThat(DeviceSharingError.invalidJwt().error()).isEqualTo(DeviceSharingError.Code.INVALID_JWT);
        assertThat(DeviceSharingError.Code.fromWireName("Invalid JWT")).contains(DeviceSharingError.Code.INVALID_JWT);
        assertThat(DeviceSharingError.Code.fromWireName("INVALID_JWT")).isEmpty();
    }
}
