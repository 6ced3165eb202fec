package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import com.talkhpb.model.Topology;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host firewall: the port plan, rendered for nftables, as the cloud firewalls render it. */
class HostFirewallTest {
    @TempDir
    Path work;

    static Deployment deployment(MapConfig config) {
        return Deployment.of(SettingsReader.read(config), Topology.PRODUCTION);
    }

    static String ruleset(MapConfig config) {
        return Bundle.render(deployment(config), HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS).file("etc/talk-hpb/firewall.nft").content();
    }

    @Test
    void everyRuleOfThePlanIsAcceptedAndNothingElseButWhatTheHostItselfNeeds() {
        Deployment d = deployment(MapConfig.valid().with("turnPort", "3479").with("rtpPortRange", "30000-30999"));
        String nft = ruleset(MapConfig.valid().with("turnPort", "3479").with("rtpPortRange", "30000-30999"));

        String input = nft.substring(nft.indexOf("chain input {"), nft.indexOf("\n  }\n", nft.indexOf("chain input {")));
        List<String> accepts = input.lines().map(String::strip).filter(line -> line.contains(" accept"))
                .filter(line -> !line.startsWith("type ")).toList();
        for (PortRule rule : d.portPlan().rules()) {
            String ports = rule.ports().min() == rule.ports().max() ? "" + rule.ports().min() : rule.ports().min() + "-" + rule.ports().max();
            assertThat(accepts).as("rule %s", rule.reason()).anyMatch(line -> line.contains(rule.protocol().lower() + " dport " + ports + " accept"));
        }
        assertThat(accepts).anyMatch(line -> line.startsWith("udp dport 30000-30999 accept"))
                .anyMatch(line -> line.startsWith("udp dport 3479 accept")).anyMatch(line -> line.startsWith("tcp dport 3479 accept"))
                .noneMatch(line -> line.contains("dport 3478"));
        // The plan's rules, the plan's ICMP, and the host's own needs: nothing else is accepted.
        int hostNeeds = 5;   // replies, loopback, neighbour discovery, DHCP, DHCPv6
        assertThat(accepts).hasSize(hostNeeds + d.portPlan().rules().size() + d.portPlan().icmp().size());
        assertThat(nft).contains("policy drop;", "icmp type 3 icmp code 4 accept", "icmpv6 type 2 accept");
    }

    @Test
    void sshIsAdmittedOnlyFromItsSourcesPerFamilyAndFromAnywhereWhenTheSourcesAreEverything() {
        String restricted = ruleset(MapConfig.valid().with("sshSourceCidrs", "[\"198.51.100.0/24\",\"203.0.113.7/32\",\"2001:db8::/64\"]"));
        assertThat(restricted).contains("ip saddr { 198.51.100.0/24, 203.0.113.7/32 } tcp dport 22 accept",
                "ip6 saddr { 2001:db8::/64 } tcp dport 22 accept").doesNotContain("\n    tcp dport 22 accept");

        // SSH before connection tracking: a session the first load picks up mid-stream is never dropped.
        assertThat(restricted.indexOf("tcp dport 22 accept")).isLessThan(restricted.indexOf("ct state established"));
        assertThat(restricted).doesNotContain("ct state invalid");

        String anywhere = ruleset(MapConfig.valid().with("sshSourceCidrs", "[\"0.0.0.0/0\",\"::/0\"]"));
        assertThat(anywhere).contains("\n    tcp dport 22 accept").doesNotContain("saddr");
    }

    @Test
    void anExistingServersSshdOnAnotherPortIsAdmittedThereFirstAndPort22IsClosed() {
        String moved = ruleset(MapConfig.valid().with("cloud", "existing").with("hostIpv4", "203.0.113.10")
                .with("sshPrivateKey", com.talkhpb.testing.TestKeys.privateKeyPem()).with("sshHostKey", com.talkhpb.testing.TestKeys.HOST_KEY)
                .with("sshPort", "2222"));

        assertThat(moved).contains("ip saddr { 198.51.100.7/32 } tcp dport 2222 accept").doesNotContain("dport 22 ");
        assertThat(moved.indexOf("tcp dport 2222 accept")).isLessThan(moved.indexOf("ct state established"));
    }

    @Test
    void natsAndJanussLoopbackPortsTakeNewConnectionsOnlyFromTheSignalingServersUserOrRoot() {
        String nft = ruleset(MapConfig.valid());
        String chain = nft.substring(nft.indexOf("chain local_clients"), nft.indexOf("chain loopback_in"));

        assertThat(chain).contains("type filter hook output priority filter; policy accept;",
                "oif \"lo\" tcp flags & (syn | ack) == syn tcp dport 4222 meta skuid != { root, \"_signaling\" } reject with tcp reset",
                "oif \"lo\" tcp flags & (syn | ack) == syn tcp dport 8188 meta skuid != { root, \"_signaling\" } reject with tcp reset");
        Deployment withNode = deployment(MapConfig.valid()).withMediaNodes(1);
        String node = Bundle.renderMediaNode(withNode, withNode.mediaNodes().get(0),
                new HostFacts("203.0.113.20").withPrivateNetwork("10.77.0.11", java.util.List.of()), "10.77.0.2", SecretValues.PLACEHOLDERS)
                .file("etc/talk-hpb/firewall.nft").content();
        assertThat(node).as("a node has no NATS; its proxy is Janus's client").contains("tcp dport 8188 meta skuid != { root, \"_signaling\" }")
                .doesNotContain("dport 4222");
    }

    @Test
    void theSignalingServerMayOpenConnectionsToNatsJanusDnsAndPublicAddressesOnly() {
        String nft = ruleset(MapConfig.valid());
        String chain = nft.substring(nft.indexOf("chain signaling_egress"), nft.indexOf("chain loopback_in"));

        assertThat(chain).as("only what the signaling server's user sends is judged")
                .contains("meta skuid \"_signaling\" jump signaling_connections", "meta l4proto tcp tcp flags & (syn | ack) != syn return",
                "udp dport 53 return", "ip daddr 127.0.0.0/8 tcp dport { 4222, 8188 } return",
                "ip daddr { 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,",
                "} meta l4proto tcp reject with tcp reset", "} reject with icmpx admin-prohibited", "ip6 daddr { ::/128, ::1/128,",
                "fc00::/7, fe80::/10").doesNotContain("9090").doesNotContain("skuid !=");
        Deployment nodes = deployment(MapConfig.valid().with("mediaNodes", "1"));
        assertThat(Bundle.render(nodes, com.talkhpb.provision.ProvisioningScripts.unknownHost(nodes), SecretValues.PLACEHOLDERS)
                .file("etc/talk-hpb/firewall.nft").content()).contains("tcp dport 9090 return comment \"the media nodes' proxies\"");
        assertThat(ruleset(MapConfig.valid().with("nextcloud", "[{\"url\":\"http://127.0.0.1:18081\"}]")))
                .as("a backend given by a loopback or private literal, on its port")
                .contains("ip daddr 127.0.0.1 tcp dport 18081 return");
        String lan = ruleset(MapConfig.valid().with("cloud", "existing").with("hostIpv4", "192.168.1.10")
                .with("sshPrivateKey", com.talkhpb.testing.TestKeys.privateKeyPem()).with("sshHostKey", com.talkhpb.testing.TestKeys.HOST_KEY));
        String lanChain = lan.substring(lan.indexOf("chain signaling_egress"));
        assertThat(lanChain).as("a LAN HPB's Nextcloud servers are private too").doesNotContain("192.168.0.0/16").doesNotContain("10.0.0.0/8")
                .contains("127.0.0.0/8", "169.254.0.0/16");
        Deployment withNode = deployment(MapConfig.valid()).withMediaNodes(1);
        assertThat(Bundle.renderMediaNode(withNode, withNode.mediaNodes().get(0),
                new HostFacts("203.0.113.20").withPrivateNetwork("10.77.0.11", java.util.List.of()), "10.77.0.2", SecretValues.PLACEHOLDERS)
                .file("etc/talk-hpb/firewall.nft").content()).as("no signaling server on a node").doesNotContain("signaling_egress");
    }

    @Test
    void theScriptReplacesOnlyItsOwnTableInOneTransactionAndNftAcceptsIt() throws Exception {
        String nft = ruleset(MapConfig.valid().with("sshSourceCidrs", "[\"198.51.100.0/24\",\"2001:db8::/64\"]"));
        assertThat(nft).doesNotContain("flush ruleset").startsWith("# Generated by talk-hpb")
                .contains("table inet talk_hpb\ndelete table inet talk_hpb\ntable inet talk_hpb {");

        // nft's own check (a transaction that is not committed), in a network namespace of its own.
        Path file = Files.writeString(work.resolve("firewall.nft"), nft);
        Process check = new ProcessBuilder("unshare", "--net", "nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void aBackendGivenByNameIsAllowedAtTheAddressesItHasWhichTheHelperPutsIntoTheTablesSets() throws Exception {
        String nft = ruleset(MapConfig.valid());
        assertThat(nft).contains("set signaling_backends_ipv4 {\n    type ipv4_addr . inet_service\n  }",
                "ip daddr . tcp dport @signaling_backends_ipv4 return comment \"the Nextcloud backends given by name\"",
                "ip6 daddr . tcp dport @signaling_backends_ipv6 return");
        String connections = nft.substring(nft.indexOf("chain signaling_connections"));
        assertThat(connections.indexOf("@signaling_backends_ipv4")).as("before the refusals").isPositive()
                .isLessThan(connections.indexOf("reject with tcp reset"));
        assertThat(ruleset(MapConfig.valid().with("nextcloud", "[{\"url\":\"http://127.0.0.1:18081\"}]")))
                .as("every backend by address: no sets").doesNotContain("signaling_backends");

        String unit = Bundle.render(deployment(MapConfig.valid()), HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS)
                .file("etc/systemd/system/talk-hpb-backends.service").content();
        assertThat(unit).as("filled once names resolve, before the signaling server, and whenever the firewall loads").contains(
                "After=network-online.target nss-lookup.target talk-hpb-firewall.service", "PartOf=talk-hpb-firewall.service",
                "Before=nextcloud-spreed-signaling.service", "Type=oneshot\nRemainAfterExit=yes\n",
                "ExecStart=-/usr/bin/python3 /usr/local/lib/talk-hpb/backend-addresses.py \"inet talk_hpb\" cloud.example.com:443\n");
        assertThat(Bundle.render(deployment(MapConfig.valid().with("nextcloud", "[{\"url\":\"http://127.0.0.1:18081\"}]")),
                HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS).files()).noneMatch(f -> f.bundlePath().contains("talk-hpb-backends"));

        // The real table in a network namespace of its own, filled by the real helper run with the unit's own
        // command line, split into arguments as systemd does (shlex's POSIX rules, for the quoting talk-hpb writes).
        MapConfig local = MapConfig.valid().with("nextcloud", "[{\"url\":\"https://localhost:8443\"}]");
        Path file = Files.writeString(work.resolve("firewall.nft"), ruleset(local));
        Path helper = Files.writeString(work.resolve(SignalingEgress.BACKEND_ADDRESSES),
                com.talkhpb.provision.ProvisioningScripts.helper(SignalingEgress.BACKEND_ADDRESSES));
        String execStart = Bundle.render(deployment(local), HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS)
                .file("etc/systemd/system/talk-hpb-backends.service").content().lines()
                .filter(line -> line.startsWith("ExecStart=-")).findFirst().orElseThrow().substring("ExecStart=-".length())
                .replace("/usr/local/lib/talk-hpb/" + SignalingEgress.BACKEND_ADDRESSES, helper.toString());
        String asSystemd = "import shlex, subprocess, sys; sys.exit(subprocess.call([w.replace('%%', '%') for w in shlex.split(sys.argv[1])]))";
        Process load = new ProcessBuilder("unshare", "--net", "bash", "-c", "nft -f " + file + " && python3 -c \"$0\" \"$1\""
                + " && nft list set inet talk_hpb signaling_backends_ipv4", asSystemd, execStart).redirectErrorStream(true).start();
        String output = new String(load.getInputStream().readAllBytes());
        assertThat(load.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(load.exitValue()).as(output).isZero();
        assertThat(output).contains("127.0.0.1 . 8443");
    }

    @Test
    void theUnitLoadsTheTableBeforeTheNetworkAtEveryBootSizesConnectionTrackingAndTakesTheTableAwayWhenStopped() {
        String unit = Bundle.render(deployment(MapConfig.valid()), HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS)
                .file("etc/systemd/system/talk-hpb-firewall.service").content();
        assertThat(unit).contains("Before=network-pre.target", "After=nftables.service", "Type=oneshot", "RemainAfterExit=yes",
                "ExecStart=/usr/sbin/nft -f /etc/talk-hpb/firewall.nft", "ExecStop=-/usr/sbin/nft delete table inet talk_hpb",
                "ExecStartPost=-/usr/sbin/sysctl -q -w net.netfilter.nf_conntrack_max=262144",
                "WantedBy=sysinit.target");
    }
}
