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
 * ranges coturn may not relay into) are refused with "administratively prohibited", one answer for
 * every port. A backend given by an address literal in such a range (a test's, or a LAN's) is allowed
 * on its port; on an HPB whose own address is private (a LAN HPB on an existing server, where the
 * Nextcloud servers are private too) private ranges stay open and only loopback, link-local and
 * reserved space are refused.
 */
final class SignalingEgress {
    static final String CHAIN = "signaling_egress";
    /** RFC 1918 and shared address space: a LAN HPB's neighbourhood. */
    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");

    private SignalingEgress() {
    }

    static String chain(RenderContext ctx) {
        Deployment d = ctx.deployment();
        String refuse = " reject with icmpx admin-prohibited";
        List<String> rules = new ArrayList<>(List.of(
                "type filter hook output priority filter; policy accept;",
                "meta skuid != \"" + SignalingServerConf.USER + "\" accept",
                // Loopback is not tracked: judge only what opens a TCP connection, and every datagram.
                "meta l4proto tcp tcp flags & (syn | ack) != syn accept",
                "udp dport 53 accept comment \"DNS, wherever the resolver is (in the VPC on AWS)\"",
                "tcp dport 53 accept",
                "ip daddr 127.0.0.0/8 tcp dport { " + d.nats().port() + ", " + d.janusWebsocket().port() + " } accept comment \"NATS and Janus\""));
        if (d.usesMediaNodes()) {
            rules.add("tcp dport " + WellKnownPorts.MEDIA_PROXY + " accept comment \"the media nodes' proxies\"");
        }
        for (Backend backend : d.backends()) {
            String host = backend.url().getHost();
            if (host.matches("[0-9.]+") && DeniedPeerRanges.deniesIpv4(host)) {
                int port = backend.url().getPort() > 0 ? backend.url().getPort() : (backend.url().getScheme().equals("http") ? 80 : 443);
                rules.add("ip daddr " + host + " tcp dport " + port + " accept comment \"the Nextcloud backend " + backend.url() + "\"");
            }
        }
        boolean lanHpb = d.machine().existingServer().map(server -> DeniedPeerRanges.deniesIpv4(server.publicIpv4())).orElse(false);
        List<String> ipv4 = DeniedPeerRanges.IPV4.stream().map(DeniedPeerRanges.Range::cidr)
                .filter(cidr -> !(lanHpb && PRIVATE.contains(cidr))).toList();
        List<String> ipv6 = DeniedPeerRanges.IPV6.stream().map(DeniedPeerRanges.Range::cidr)
                .filter(cidr -> !(lanHpb && cidr.equals("fc00::/7"))).toList();
        rules.add("ip daddr { " + String.join(", ", ipv4) + " }" + refuse);
        rules.add("ip6 daddr { " + String.join(", ", ipv6) + " }" + refuse);
        return "  chain " + CHAIN + " {\n" + rules.stream().map(rule -> "    " + rule + "\n").collect(Collectors.joining()) + "  }\n";
    }
}
