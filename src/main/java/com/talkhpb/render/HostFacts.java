package com.talkhpb.render;

/**
 * What is known about the host only once it exists: its public IPv4 address, and the IPv4 address on
 * its interface (the same on Hetzner, the private address behind AWS's 1:1 NAT). coturn lets clients
 * relay to the public address; behind NAT, Janus and coturn announce it in place of the interface's.
 */
public record HostFacts(String publicIpv4, String interfaceIpv4) {
    /** For a bundle rendered before the server exists. */
    public static final HostFacts UNKNOWN = new HostFacts("{{host:publicIpv4}}", "{{host:interfaceIpv4}}");

    /** A host whose public address is on its interface. */
    public HostFacts(String publicIpv4) {
        this(publicIpv4, publicIpv4);
    }
}
