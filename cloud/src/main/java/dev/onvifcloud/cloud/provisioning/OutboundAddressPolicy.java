package dev.onvifcloud.cloud.provisioning;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where this cloud agrees to connect on a peer's say-so (the OCS's {@code endpointReferences}, uplink
 * {@code remoteAddress}es): a guard against server-side request forgery. A URI passes when its scheme is
 * allowed for the use, its authority has a host and no user information, and <em>every</em> address its host
 * resolves to is globally reachable: not loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with
 * the cloud metadata address, fe80::/10), multicast, unspecified, carrier-grade NAT (100.64/10) or otherwise
 * reserved (see {@link AddressRefusal}). IPv6 forms that embed an IPv4 address (NAT64, 6to4) are judged by that
 * address. Ranges on the allow-list pass regardless (demos and tests on 127.0.0.1, a private deployment).
 *
 * <p>The answer pins the address that was checked ({@link PinnedAddress}): connecting to it, instead of looking
 * the name up again, closes the window for DNS rebinding. Immutable and thread-safe; lookups block.
 */
public final class OutboundAddressPolicy {

    /** Refused ranges, most specific first; the first that contains an address gives the reason. */
    private static final List<Map.Entry<AddressRange, AddressRefusal>> REFUSED = List.of(
            refused("0.0.0.0/8", AddressRefusal.UNSPECIFIED),
            refused("127.0.0.0/8", AddressRefusal.LOOPBACK),
            refused("10.0.0.0/8", AddressRefusal.PRIVATE),
            refused("172.16.0.0/12", AddressRefusal.PRIVATE),
            refused("192.168.0.0/16", AddressRefusal.PRIVATE),
            refused("169.254.0.0/16", AddressRefusal.LINK_LOCAL),
            refused("100.64.0.0/10", AddressRefusal.SHARED_ADDRESS_SPACE),
            refused("192.0.0.0/24", AddressRefusal.RESERVED),
            refused("192.0.2.0/24", AddressRefusal.RESERVED),
            refused("198.18.0.0/15", AddressRefusal.RESERVED),
            refused("198.51.100.0/24", AddressRefusal.RESERVED),
            refused("203.0.113.0/24", AddressRefusal.RESERVED),
            refused("224.0.0.0/4", AddressRefusal.MULTICAST),
            refused("255.255.255.255/32", AddressRefusal.MULTICAST),
            refused("240.0.0.0/4", AddressRefusal.RESERVED),
            refused("::/128", AddressRefusal.UNSPECIFIED),
            refused("::1/128", AddressRefusal.LOOPBACK),
            refused("::/96", AddressRefusal.RESERVED),
            refused("100::/64", AddressRefusal.RESERVED),
            refused("64:ff9b:1::/48", AddressRefusal.RESERVED),
            refused("2001::/32", AddressRefusal.RESERVED),
            refused("2001:db8::/32", AddressRefusal.RESERVED),
            refused("fc00::/7", AddressRefusal.PRIVATE),
            refused("fe80::/10", AddressRefusal.LINK_LOCAL),
            refused("fec0::/10", AddressRefusal.PRIVATE),
            refused("ff00::/8", AddressRefusal.MULTICAST));

    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    private final List<AddressRange> allowed;
    private final HostResolver resolver;

    private OutboundAddressPolicy(List<AddressRange> allowed, HostResolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Nothing allow-listed, the JDK's resolver: what production runs. */
    public static OutboundAddressPolicy strict() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a URI for one use.
     *
     * @param allowedSchemes lower-case schemes acceptable for this use, such as {@code https}
     * @return the URI with the address to connect to
     * @throws AddressRefusedException with the reason of the refusal
     */
    public PinnedAddress check(URI uri, Set<String> allowedSchemes) throws AddressRefusedException {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (scheme == null || !allowedSchemes.contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new AddressRefusedException(AddressRefusal.SCHEME_NOT_ALLOWED);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            throw new AddressRefusedException(AddressRefusal.INVALID_AUTHORITY);
        }
        List<InetAddress> addresses = resolve(host);
        for (InetAddress address : addresses) {
            Optional<AddressRefusal> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new AddressRefusedException(refusal.get());
            }
        }
        return new PinnedAddress(uri, addresses.get(0));
    }

    /** Why this address is refused, or empty when it is acceptable (globally reachable or allow-listed). */
    public Optional<AddressRefusal> refusal(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (allowed.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return classify(address);
    }

    /** The reason for an address by the refused ranges alone, ignoring the allow-list. */
    static Optional<AddressRefusal> classify(InetAddress address) {
        if (address instanceof Inet6Address && (NAT64.contains(address) || SIX_TO_FOUR.contains(address))) {
            byte[] bytes = address.getAddress();
            int offset = NAT64.contains(address) ? 12 : 2;
            try {
                return classify(InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an IPv4 address", e);
            }
        }
        for (Map.Entry<AddressRange, AddressRefusal> entry : REFUSED) {
            if (entry.getKey().contains(address)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private List<InetAddress> resolve(String host) throws AddressRefusedException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | RuntimeException e) {
            throw new AddressRefusedException(AddressRefusal.UNRESOLVABLE);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new AddressRefusedException(AddressRefusal.UNRESOLVABLE);
        }
        return List.copyOf(addresses);
    }

    public List<AddressRange> allowed() {
        return allowed;
    }

    @Override
    public String toString() {
        return "OutboundAddressPolicy[allowed=" + allowed + "]";
    }

    private static Map.Entry<AddressRange, AddressRefusal> refused(String cidr, AddressRefusal reason) {
        return Map.entry(AddressRange.parse(cidr), reason);
    }

    /** Allow-list and resolver; {@link #build()} fills in the JDK resolver. */
    public static final class Builder {

        private final List<AddressRange> allowed = new ArrayList<>();
        private HostResolver resolver = HostResolver.system();

        private Builder() {
        }

        /** Lets this block through although it is refused by default (e.g. {@code 127.0.0.1/32} for a demo). */
        public Builder allow(AddressRange range) {
            allowed.add(Objects.requireNonNull(range, "range"));
            return this;
        }

        /** {@link #allow(AddressRange)} of {@link AddressRange#parse(String)}. */
        public Builder allow(String cidr) {
            return allow(AddressRange.parse(cidr));
        }

        public Builder resolver(HostResolver value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        public OutboundAddressPolicy build() {
            return new OutboundAddressPolicy(allowed, resolver);
        }
    }
}
