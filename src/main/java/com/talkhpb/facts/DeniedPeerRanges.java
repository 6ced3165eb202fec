package com.talkhpb.facts;

import java.util.List;

/**
 * IPv4 ranges coturn must never relay into: private, shared, loopback, link-local (cloud metadata),
 * documentation, benchmarking and reserved space (CVE-2020-26262 class). coturn syntax is {@code A-B}.
 */
public final class DeniedPeerRanges {
    public record Range(String cidr, String first, String last) {
        public String coturnSyntax() {
            return first + "-" + last;
        }
    }

    public static final List<Range> IPV4 = List.of(
            new Range("0.0.0.0/8", "0.0.0.0", "0.255.255.255"),
            new Range("10.0.0.0/8", "10.0.0.0", "10.255.255.255"),
            new Range("100.64.0.0/10", "100.64.0.0", "100.127.255.255"),
            new Range("127.0.0.0/8", "127.0.0.0", "127.255.255.255"),
            new Range("169.254.0.0/16", "169.254.0.0", "169.254.255.255"),
            new Range("172.16.0.0/12", "172.16.0.0", "172.31.255.255"),
            new Range("192.0.0.0/24", "192.0.0.0", "192.0.0.255"),
            new Range("192.0.2.0/24", "192.0.2.0", "192.0.2.255"),
            new Range("192.88.99.0/24", "192.88.99.0", "192.88.99.255"),
            new Range("192.168.0.0/16", "192.168.0.0", "192.168.255.255"),
            new Range("198.18.0.0/15", "198.18.0.0", "198.19.255.255"),
            new Range("198.51.100.0/24", "198.51.100.0", "198.51.100.255"),
            new Range("203.0.113.0/24", "203.0.113.0", "203.0.113.255"),
            new Range("240.0.0.0/4", "240.0.0.0", "255.255.255.255"));

    /**
     * IPv6 ranges with the same role: loopback, unspecified, mapped, NAT64, discard-only (100::/64),
     * IETF protocol assignments and Teredo (2001::/23), 6to4 (2002::/16, which embeds IPv4 addresses
     * of any range), ULA, link-local, documentation.
     */
    public static final List<Range> IPV6 = List.of(
            new Range("::/128", "::", "::"),
            new Range("::1/128", "::1", "::1"),
            new Range("::ffff:0:0/96", "::ffff:0.0.0.0", "::ffff:255.255.255.255"),
            new Range("64:ff9b::/96", "64:ff9b::", "64:ff9b::ffff:ffff"),
            new Range("100::/64", "100::", "100::ffff:ffff:ffff:ffff"),
            new Range("2001::/23", "2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff"),
            new Range("2002::/16", "2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            new Range("fc00::/7", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            new Range("fe80::/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
            new Range("2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));

    private DeniedPeerRanges() {
    }

    /** Whether coturn would refuse to relay to this IPv4 literal without an allowed-peer-ip (false for anything else). */
    public static boolean deniesIpv4(String address) {
        long value = ipv4Value(address);
        return value >= 0 && IPV4.stream().anyMatch(range -> ipv4Value(range.first()) <= value && value <= ipv4Value(range.last()));
    }

    private static long ipv4Value(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
                return -1;
            }
            value = value * 256 + Integer.parseInt(part);
        }
        return value;
    }
}
