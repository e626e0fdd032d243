package dev.onvifcloud.cloud.provisioning;

/** Why the {@link OutboundAddressPolicy} refuses a URI. */
public enum AddressRefusal {
    /** The scheme is not one allowed for this use ({@code https}; {@code wss} for uplinks). */
    SCHEME_NOT_ALLOWED,
    /** No host, or user information ({@code user:password@}) in the authority. */
    INVALID_AUTHORITY,
    /** The host name does not resolve. */
    UNRESOLVABLE,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** RFC 1918 (10/8, 172.16/12, 192.168/16), unique local fc00::/7, deprecated site-local fec0::/10. */
    PRIVATE,
    /** 169.254/16 (which holds the cloud metadata address 169.254.169.254), fe80::/10. */
    LINK_LOCAL,
    /** 224/4, ff00::/8, and the broadcast address 255.255.255.255. */
    MULTICAST,
    /** 0.0.0.0/8, ::. */
    UNSPECIFIED,
    /** Carrier-grade NAT shared address space 100.64/10. */
    SHARED_ADDRESS_SPACE,
    /**
     * Not globally reachable by IANA's registries: IETF protocol assignments 192.0.0/24, documentation
     * (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32), benchmarking 198.18/15, reserved 240/4,
     * and IPv6 forms that embed a refused IPv4 address (IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16).
     */
    RESERVED
}
