package com.talkhpb.model;

/**
 * One inbound ICMP message type the firewall admits from anywhere, and why. ICMP has no ports; AWS
 * filters by type and code, Hetzner's firewall only by protocol.
 */
public record IcmpRule(boolean ipv6, int type, int code, String reason) {
    /** Every code of the type. */
    public static final int ANY_CODE = -1;

    public String family() {
        return ipv6 ? "icmpv6" : "icmp";
    }

    /** As the firewall output and firewall.json describe it, e.g. "icmp type 3 code 4". */
    public String describe() {
        return family() + " type " + type + (code == ANY_CODE ? "" : " code " + code);
    }
}
