package dev.onvifcloud.cloud.provisioning;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CIDR block of IPv4 or IPv6 addresses ({@code 10.0.0.0/8}, {@code fc00::/7}). An IPv4 range never
 * contains an IPv6 address and the reverse; IPv4-mapped IPv6 literals are read as IPv4 by the JDK.
 *
 * @param network the first address of the block (host bits zero)
 * @param prefixLength 0 to 32 (IPv4) or 0 to 128 (IPv6)
 */
public record AddressRange(InetAddress network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    public AddressRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + bits);
        }
        byte[] address = network.getAddress();
        if (!Arrays.equals(address, masked(address, prefixLength))) {
            throw new IllegalArgumentException("host bits must be zero in " + network.getHostAddress() + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code address/prefix}, or a single address (a /32 or /128). Only literals: no name is resolved.
     *
     * @throws IllegalArgumentException if it is not a CIDR block of literals
     */
    public static AddressRange parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String literal = slash < 0 ? cidr : cidr.substring(0, slash);
        InetAddress address = literal(literal);
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + cidr);
        }
        return new AddressRange(address, prefix);
    }

    /** Whether {@code address} lies in this block. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length
                && Arrays.equals(masked(candidate, prefixLength), network.getAddress());
    }

    /** An IP literal, without any name lookup. */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!LITERAL.matcher(bare).matches() || !(bare.contains(":") || bare.chars().filter(c -> c == '.').count() == 3)) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        try {
            return InetAddress.getByName(bare); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + text, e);
        }
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            result[i] &= (byte) (0xff << (8 - keep));
        }
        return result;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
