package dev.onvifcloud.cloud.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundAddressPolicyTest {

    private static final Set<String> HTTPS = Set.of("https");

    /** Names for the tests; nothing reaches a real DNS server. */
    private static final Map<String, List<String>> ZONE = Map.of(
            "ocs.example", List.of("203.0.114.10"),
            "rebind.example", List.of("203.0.114.10", "10.0.0.5"),
            "metadata.example", List.of("169.254.169.254"),
            "v6.example", List.of("2001:4860::8888"));

    private static final HostResolver TEST_RESOLVER = host -> {
        List<String> records = ZONE.get(host);
        if (records != null) {
            return records.stream().map(AddressRange::literal).toList();
        }
        try {
            return List.of(AddressRange.literal(host));
        } catch (IllegalArgumentException e) {
            throw new UnknownHostException(host);
        }
    };

    private static final OutboundAddressPolicy STRICT = OutboundAddressPolicy.builder().resolver(TEST_RESOLVER).build();

    private static AddressRefusal refusalOf(OutboundAddressPolicy policy, String uri, Set<String> schemes) {
        try {
            policy.check(URI.create(uri), schemes);
        } catch (AddressRefusedException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + uri);
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "169.254.169.254, LINK_LOCAL",
            "169.254.0.1, LINK_LOCAL",
            "100.64.0.1, SHARED_ADDRESS_SPACE",
            "100.127.255.255, SHARED_ADDRESS_SPACE",
            "192.0.0.8, RESERVED",
            "192.0.2.1, RESERVED",
            "198.18.0.1, RESERVED",
            "198.51.100.1, RESERVED",
            "203.0.113.1, RESERVED",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "255.255.255.255, MULTICAST",
            "240.0.0.1, RESERVED",
            "::, UNSPECIFIED",
            "::1, LOOPBACK",
            "fe80::1, LINK_LOCAL",
            "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE",
            "fec0::1, PRIVATE",
            "ff02::1, MULTICAST",
            "2001:db8::1, RESERVED",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:169.254.169.254, LINK_LOCAL",
            "::10.0.0.1, RESERVED",
            "64:ff9b::a00:1, PRIVATE",
            "64:ff9b::7f00:1, LOOPBACK",
            "2002:a9fe:a9fe::1, LINK_LOCAL",
            "2001:0:4136:e378::1, RESERVED"
    })
    void refuses_every_non_global_range(String literal, AddressRefusal expected) {
        assertThat(STRICT.refusal(AddressRange.literal(literal))).hasValue(expected);
        String host = literal.contains(":") ? "[" + literal + "]" : literal;
        assertThat(refusalOf(STRICT, "https://" + host + "/notify", HTTPS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
            "192.169.0.1", "169.253.255.255", "223.255.255.255", "2001:4860::8888", "2606:4700::1111",
            "64:ff9b::808:808", "2002:808:808::1"})
    void accepts_global_addresses(String literal) throws Exception {
        assertThat(STRICT.refusal(AddressRange.literal(literal))).isEmpty();
        String host = literal.contains(":") ? "[" + literal + "]" : literal;
        PinnedAddress pinned = STRICT.check(URI.create("https://" + host + ":8443/x"), HTTPS);
        assertThat(pinned.address()).isEqualTo(AddressRange.literal(literal));
        assertThat(pinned.port()).isEqualTo(8443);
    }

    @Test
    void pins_the_address_a_name_resolved_to() throws Exception {
        PinnedAddress pinned = STRICT.check(URI.create("https://ocs.example/deviceSharingCompleted"), HTTPS);

        assertThat(pinned.address()).isEqualTo(InetAddress.getByName("203.0.114.10"));
        assertThat(pinned.socketAddress().getPort()).isEqualTo(443);
        assertThat(pinned.uri().getHost()).isEqualTo("ocs.example");
    }

    @Test
    void refuses_a_name_resolving_to_a_metadata_address() {
        assertThat(refusalOf(STRICT, "https://metadata.example/latest", HTTPS)).isEqualTo(AddressRefusal.LINK_LOCAL);
    }

    @Test
    void refuses_a_name_when_any_of_its_addresses_is_refused() {
        assertThat(refusalOf(STRICT, "https://rebind.example/", HTTPS)).isEqualTo(AddressRefusal.PRIVATE);
    }

    @Test
    void refuses_a_name_that_does_not_resolve() {
        assertThat(refusalOf(STRICT, "https://nowhere.invalid/", HTTPS)).isEqualTo(AddressRefusal.UNRESOLVABLE);
    }

    @Test
    void refuses_schemes_not_allowed_for_the_use() {
        assertThat(refusalOf(STRICT, "http://ocs.example/", HTTPS)).isEqualTo(AddressRefusal.SCHEME_NOT_ALLOWED);
        assertThat(refusalOf(STRICT, "wss://ocs.example/", HTTPS)).isEqualTo(AddressRefusal.SCHEME_NOT_ALLOWED);
        assertThat(refusalOf(STRICT, "file:///etc/passwd", HTTPS)).isEqualTo(AddressRefusal.SCHEME_NOT_ALLOWED);
    }

    @Test
    void accepts_scheme_case_insensitively_and_wss_where_allowed() throws Exception {
        assertThat(STRICT.check(URI.create("HTTPS://ocs.example/"), HTTPS).address()).isNotNull();
        assertThat(STRICT.check(URI.create("wss://ocs.example/uplink"), Set.of("https", "wss")).port()).isEqualTo(443);
    }

    @Test
    void refuses_user_information_and_missing_hosts() {
        assertThat(refusalOf(STRICT, "https://user:pass@ocs.example/", HTTPS))
                .isEqualTo(AddressRefusal.INVALID_AUTHORITY);
        assertThat(refusalOf(STRICT, "https:/no-host", HTTPS)).isEqualTo(AddressRefusal.INVALID_AUTHORITY);
    }

    @Test
    void the_allow_list_lets_exactly_its_ranges_through() throws Exception {
        OutboundAddressPolicy demo = OutboundAddressPolicy.builder().resolver(TEST_RESOLVER)
                .allow("127.0.0.1/32").allow(AddressRange.parse("fd00::/8")).build();

        assertThat(demo.check(URI.create("https://127.0.0.1:8443/"), HTTPS).address())
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(demo.check(URI.create("https://[fd12::1]/"), HTTPS).address()).isNotNull();
        assertThat(refusalOf(demo, "https://127.0.0.2/", HTTPS)).isEqualTo(AddressRefusal.LOOPBACK);
        assertThat(refusalOf(demo, "https://[fc00::1]/", HTTPS)).isEqualTo(AddressRefusal.PRIVATE);
        assertThat(refusalOf(demo, "https://[::1]/", HTTPS)).isEqualTo(AddressRefusal.LOOPBACK);
        assertThat(refusalOf(demo, "http://127.0.0.1/", HTTPS)).isEqualTo(AddressRefusal.SCHEME_NOT_ALLOWED);
    }

    @Test
    void address_ranges_parse_cidr_literals_only() {
        assertThat(AddressRange.parse("10.0.0.0/8").contains(AddressRange.literal("10.9.8.7"))).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").contains(AddressRange.literal("11.0.0.0"))).isFalse();
        assertThat(AddressRange.parse("::/0").contains(AddressRange.literal("10.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.7")).hasToString("192.0.2.7/32");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.1/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("localhost/32")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
