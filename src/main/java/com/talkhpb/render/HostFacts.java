package com.talkhpb.render;

import java.util.List;
import java.util.Optional;

/**
 * What is known about a host only once it exists: its public IPv4 address, and the IPv4 address on
 * its interface (the same on Hetzner, the private address behind AWS's 1:1 NAT). coturn lets clients
 * relay to the public address; behind NAT, Janus and coturn announce it in place of the interface's.
 * With media nodes, also the host's address on the private network they share, and (on the HPB) the
 * nodes' addresses: their proxies' URLs and the addresses coturn may relay to.
 */
public record HostFacts(String publicIpv4, String interfaceIpv4, Optional<String> privateIpv4, List<NodeAddresses> mediaNodes) {
    /** For a bundle rendered before the server exists. */
    public static final HostFacts UNKNOWN = new HostFacts("{{host:publicIpv4}}", "{{host:interfaceIpv4}}");

    /** A media node's public address (where participants send media) and private one (where its proxy listens). */
    public record NodeAddresses(String publicIpv4, String privateIpv4) {
    }

    public HostFacts {
        mediaNodes = List.copyOf(mediaNodes);
    }

    public HostFacts(String publicIpv4, String interfaceIpv4) {
        this(publicIpv4, interfaceIpv4, Optional.empty(), List.of());
    }

    /** A host whose public address is on its interface. */
    public HostFacts(String publicIpv4) {
        this(publicIpv4, publicIpv4);
    }

    /** These facts with the host's private address and the media nodes' addresses, in node order. */
    public HostFacts withPrivateNetwork(String privateIpv4, List<NodeAddresses> mediaNodes) {
        return new HostFacts(publicIpv4, interfaceIpv4, Optional.of(privateIpv4), mediaNodes);
    }

    /** Placeholders for the addresses of {@code count} media nodes, for a bundle rendered before they exist. */
    public static List<NodeAddresses> unknownMediaNodes(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(n -> new NodeAddresses("{{media-" + n + ":publicIpv4}}", "{{media-" + n + ":privateIpv4}}")).toList();
    }

    /** The host's address on the private network; a media deployment cannot render without it. */
    public String requirePrivateIpv4() {
        return privateIpv4.orElseThrow(() -> new IllegalStateException("a host with media nodes needs its private address"));
    }
}
