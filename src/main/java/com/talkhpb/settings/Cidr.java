package com.talkhpb.settings;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation whose host bits are zero. */
public record Cidr(String text, boolean ipv6) {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Why {@code text} is not an acceptable CIDR, or empty when it is. */
    public static Optional<String> problemWith(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.of("has no prefix length");
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (!LITERAL.matcher(address).matches()) {
            return Optional.of("is not an IP address");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            return Optional.of("is not an IP address");
        }
        int bits = bytes.length * 8;
        int length;
        try {
            length = Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
            return Optional.of("has no numeric prefix length");
        }
        if (length < 0 || length > bits) {
            return Optional.of("has a prefix length outside 0-" + bits);
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        if (!value.and(hostMask).equals(BigInteger.ZERO)) {
            return Optional.of("has host bits set (the network is " + network(bytes, length) + ")");
        }
        return Optional.empty();
    }

    public static Cidr parse(String text) {
        problemWith(text).ifPresent(p -> {
            throw new IllegalArgumentException(text + " " + p);
        });
        return new Cidr(text, text.contains(":"));
    }

    private static String network(byte[] bytes, int length) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(masked).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
