package com.talkhpb.settings;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation whose host bits are zero, in canonical form: dotted quad
 * without leading zeros, or IPv6 as RFC 5952 writes it. Forms that Java's address parser accepts but
 * cloud firewalls do not ({@code 1/32}, {@code 010.0.0.1/32}, {@code /+32}) are refused.
 */
public record Cidr(String text, boolean ipv6, int prefixLength) {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** Why {@code text} is not an acceptable CIDR, or empty when it is. */
    public static Optional<String> problemWith(String text) {
        return analyse(text).problem;
    }

    /** {@code text} as a network, in canonical form; it must have no {@link #problemWith problem}. */
    public static Cidr parse(String text) {
        Analysis analysis = analyse(text);
        analysis.problem.ifPresent(p -> {
            throw new IllegalArgumentException(text + " " + p);
        });
        return analysis.cidr;
    }

    private record Analysis(Optional<String> problem, Cidr cidr) {
        static Analysis problem(String why) {
            return new Analysis(Optional.of(why), null);
        }
    }

    private static Analysis analyse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Analysis.problem("has no prefix length");
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!PREFIX.matcher(prefix).matches()) {
            return Analysis.problem("has no plain decimal prefix length");
        }
        boolean ipv6 = IPV6_CHARACTERS.matcher(address).matches();
        if (!ipv6 && !IPV4.matcher(address).matches()) {
            return Analysis.problem("is not an IP address (IPv4 is four numbers 0-255 without leading zeros)");
        }
        byte[] bytes;
        try {
            InetAddress parsed = InetAddress.getByName(address); // a literal: no DNS lookup
            if (ipv6 && !(parsed instanceof Inet6Address)) {
                return Analysis.problem("is an IPv4 address written as IPv6; write the IPv4 form");
            }
            bytes = parsed.getAddress();
        } catch (UnknownHostException e) {
            return Analysis.problem("is not an IP address");
        }
        int bits = bytes.length * 8;
        int length = Integer.parseInt(prefix);
        if (length > bits) {
            return Analysis.problem("has a prefix length outside 0-" + bits);
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            return Analysis.problem("has host bits set (the network is " + canonical(network(bytes, length)) + "/" + length + ")");
        }
        return new Analysis(Optional.empty(), new Cidr(canonical(bytes) + "/" + length, ipv6, length));
    }

    private static byte[] network(byte[] bytes, int length) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    /** Dotted quad, or RFC 5952: lower-case hex, no leading zeros, the longest run of zero groups as ::. */
    static String canonical(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int run = 0;
            while (i + run < 8 && groups[i + run] == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = i;
                bestLength = run;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
