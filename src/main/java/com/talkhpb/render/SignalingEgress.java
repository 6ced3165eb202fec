package com.talkhpb.render;

import com.talkhpb.facts.DeniedPeerRanges;
import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.model.Backend;
import com.talkhpb.model.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the signaling server may open connections (a chain of the host firewall, by its user): any
 * participant can name a federated HPB in a room join, and signaling 2.0.2 dials it and reports the
 * network error back, so without a policy a participant could probe the host's loopback services, its
 * private networks and the cloud's metadata address through it. It may reach NATS and Janus on
 * loopback, the media nodes' proxies, DNS, and public addresses (Nextcloud backends, federated HPBs);
 * new connections to loopback, private, link-local, shared, documentation and reserved addresses (the
 * ranges coturn may not relay into) are refused at once and alike, whether a port is open or closed. A backend given by an address literal in such a range (a test's, or a LAN's) is allowed
 * on its port, and so is one given by a name, at the addresses the name has (two nftables sets that
 * backend-addresses.py keeps current); on an HPB whose own address is private (a LAN HPB on an existing server, where the
 * Nextcloud servers are private too) private ranges stay open and only loopback, link-local and
 * reserved space are refused.
 */
public final class SignalingEgress {
    static final String CHAIN = "signaling_egress";
    static final String CONNECTIONS = "signaling_connections";
    /** RFC 1918 and shared address space: a LAN HPB's neighbourhood. */
    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");

    static final String BACKENDS_IPV4 = "signaling_backends_ipv4";
    static final String BACKENDS_IPV6 = "signaling_backends_ipv6";
    /** Fills those sets. */
    public static final String BACKEND_ADDRESSES = "backend-addresses.py";

    private SignalingEgress() {
    }

    /** The backends given by name, as {@code host:port}: their addresses are looked up on the host. */
    public static List<String> backendNames(Deployment d) {
        return d.backends().stream().filter(b -> !b.url().getHost().matches("[0-9.]+") && !b.url().getHost().startsWith("["))
                .map(b -> b.url().getHost() + ":" + port(b)).distinct().toList();
    }

    /** The command that fills the sets, or nothing when every backend is given by address. */
    public static java.util.Optional<List<String>> backendAddressesCommand(Deployment d) {
        if (backendNames(d).isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", com.talkhpb.model.HostPaths.HELPER_LIBRARY + "/" + BACKEND_ADDRESSES,
                HostFirewall.TABLE));
        command.addAll(backendNames(d));
        return java.util.Optional.of(command);
    }

    private static int port(Backend backend) {
        return backend.url().getPort() > 0 ? backend.url().getPort() : (backend.url().getScheme().equals("http") ? 80 : 443);
    }

    static String chain(RenderContext ctx) {
        Deployment d = ctx.deployment();
        // Only packets a socket of the signaling server's user sends are judged (not the kernel's own,
        // neighbour discovery or the first answer to a connection, which have no owner).
        List<String> rules = new ArrayList<>(List.of(
                // Loopback is not tracked: judge only what opens a TCP connection, and every datagram.
                "meta l4proto tcp tcp flags & (syn | ack) != syn return",
                "udp dport 53 return comment \"DNS, wherever the resolver is (in the VPC on AWS)\"",
                "tcp dport 53 return",
                "ip daddr 127.0.0.0/8 tcp dport { " + d.nats().port() + ", " + d.janusWebsocket().port() + " } return comment \"NATS and Janus\""));
        if (d.usesMediaNodes()) {
            rules.add("tcp dport " + WellKnownPorts.MEDIA_PROXY + " return comment \"the media nodes' proxies\"");
        }
        for (Backend backend : d.backends()) {
            String host = backend.url().getHost();
            if (host.matches("[0-9.]+") && DeniedPeerRanges.deniesIpv4(host)) {
                rules.add("ip daddr " + host + " tcp dport " + port(backend) + " return comment \"the Nextcloud backend " + backend.url() + "\"");
            }
        }
        if (!backendNames(d).isEmpty()) {
            // A name may point into a private range (a Nextcloud in the same network): its addresses, kept
            // current by backend-addresses.py, are allowed on its port.
            rules.add("ip daddr . tcp dport @" + BACKENDS_IPV4 + " return comment \"the Nextcloud backends given by name\"");
            rules.add("ip6 daddr . tcp dport @" + BACKENDS_IPV6 + " return");
        }
        boolean lanHpb = d.machine().existingServer().map(server -> DeniedPeerRanges.deniesIpv4(server.publicIpv4())).orElse(false);
        String ipv4 = "ip daddr { " + String.join(", ", DeniedPeerRanges.IPV4.stream().map(DeniedPeerRanges.Range::cidr)
                .filter(cidr -> !(lanHpb && PRIVATE.contains(cidr))).toList()) + " }";
        String ipv6 = "ip6 daddr { " + String.join(", ", DeniedPeerRanges.IPV6.stream().map(DeniedPeerRanges.Range::cidr)
                .filter(cidr -> !(lanHpb && cidr.equals("fc00::/7"))).toList()) + " }";
        // Refused at once and alike, open port or closed: "connection refused" for TCP, "prohibited" for the rest.
        for (String denied : List.of(ipv4, ipv6)) {
            rules.add(denied + " meta l4proto tcp reject with tcp reset");
            rules.add(denied + " reject with icmpx admin-prohibited");
        }
        String sets = backendNames(d).isEmpty() ? ""
                : "  set " + BACKENDS_IPV4 + " {\n    type ipv4_addr . inet_service\n  }\n"
                + "  set " + BACKENDS_IPV6 + " {\n    type ipv6_addr . inet_service\n  }\n";
        return sets + "  chain " + CHAIN + " {\n    type filter hook output priority filter; policy accept;\n"
                + "    meta skuid \"" + SignalingServerConf.USER + "\" jump " + CONNECTIONS + "\n  }\n"
                + "  chain " + CONNECTIONS + " {\n" + rules.stream().map(rule -> "    " + rule + "\n").collect(Collectors.joining()) + "  }\n";
    }
}
