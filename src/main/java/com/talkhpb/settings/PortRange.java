package com.talkhpb.settings;

/** An inclusive range of ports, written MIN-MAX. */
public record PortRange(int min, int max) {
    public PortRange {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("not a port range: " + min + "-" + max);
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    public int size() {
        return max - min + 1;
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    public boolean overlaps(PortRange other) {
        return min <= other.max && other.min <= max;
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
