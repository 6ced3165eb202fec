package com.talkhpb.render;

/**
 * What is known about the host only once it exists: its public IPv4 address. Janus announces it
 * (nat_1_1_mapping) and coturn lets clients relay to it (allowed-peer-ip).
 */
public record HostFacts(String publicIpv4) {
    /** For a bundle rendered before the server exists. */
    public static final HostFacts UNKNOWN = new HostFacts("{{host:publicIpv4}}");
}
