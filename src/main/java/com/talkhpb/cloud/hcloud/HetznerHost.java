package com.talkhpb.cloud.hcloud;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.bindings.hcloud.Firewall;
import com.talkhpb.bindings.hcloud.FirewallArgs;
import com.talkhpb.bindings.hcloud.FirewallRuleArgs;
import com.talkhpb.bindings.hcloud.PrimaryIp;
import com.talkhpb.bindings.hcloud.PrimaryIpArgs;
import com.talkhpb.bindings.hcloud.Rdns;
import com.talkhpb.bindings.hcloud.RdnsArgs;
import com.talkhpb.bindings.hcloud.Server;
import com.talkhpb.bindings.hcloud.ServerArgs;
import com.talkhpb.bindings.hcloud.ServerNetwork;
import com.talkhpb.bindings.hcloud.ServerPublicNetArgs;
import com.talkhpb.bindings.hcloud.SshKey;
import com.talkhpb.bindings.hcloud.SshKeyArgs;
import com.talkhpb.bindings.hcloud.ZoneRrset;
import com.talkhpb.bindings.hcloud.ZoneRrsetArgs;
import com.talkhpb.bindings.hcloud.ZoneRrsetRecordArgs;
import com.talkhpb.bindings.tls.PrivateKey;
import com.talkhpb.bindings.tls.PrivateKeyArgs;
import com.talkhpb.cloud.Host;
import com.talkhpb.cloud.HostNaming;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.IcmpRule;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.PortPlan;
import com.talkhpb.model.PortRule;
import com.talkhpb.render.CloudConfig;
import com.talkhpb.model.Machine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HPB's VM on Hetzner Cloud: deploy key, primary IPs that outlive the server, a firewall that is
 * exactly the model's port plan, the server with package-only user-data, reverse DNS and, with a DNS
 * zone, A/AAAA records. Production stacks protect the server and IPs.
 */
public final class HetznerHost extends ComponentResource implements Host {
    public static final String TYPE = "talk-hpb:hcloud:Host";
    static final int DNS_TTL = 300;

    private final String sshUser;
    private final PrivateKey deployKey;
    private final PrimaryIp ipv4;
    private final Optional<PrimaryIp> ipv6;
    private final Server server;
    private final List<Resource> dnsRecords = new java.util.ArrayList<>();
    private Optional<ServerNetwork> privateNetwork = Optional.empty();
    private final List<Host> mediaNodes = new java.util.ArrayList<>();

    public HetznerHost(String name, Deployment deployment, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Machine machine = deployment.machine();
        sshUser = machine.sshUser();
        boolean protect = machine.protect();
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        CustomResourceOptions protectedChild = CustomResourceOptions.builder().parent(this).protect(protect).build();
        Map<String, String> labels = HostNaming.labels(machine.stackName());
        String serverName = HostNaming.hostname(machine.stackName());

        deployKey = new PrivateKey("deploy-key", PrivateKeyArgs.builder().algorithm("ED25519").build(), child);
        SshKey sshKey = new SshKey("deploy-key", SshKeyArgs.builder()
                .name(serverName + "-deploy")
                .publicKey(deployKey.publicKeyOpenssh())
                .labels(labels)
                .build(), child);

        ipv4 = primaryIp("ipv4", serverName, machine, labels, protectedChild);
        ipv6 = machine.ipv6() ? Optional.of(primaryIp("ipv6", serverName, machine, labels, protectedChild)) : Optional.empty();

        Firewall firewall = new Firewall("firewall", FirewallArgs.builder()
                .name(serverName)
                .labels(labels)
                .rules(firewallRules(deployment.portPlan()))
                .build(), child);

        ServerPublicNetArgs.Builder publicNet = ServerPublicNetArgs.builder()
                .ipv4Enabled(true)
                .ipv4(ipv4.id().applyValue(Integer::parseInt))
                .ipv6Enabled(machine.ipv6());
        ipv6.ifPresent(ip -> publicNet.ipv6(ip.id().applyValue(Integer::parseInt)));
        server = new Server("server", ServerArgs.builder()
                .name(serverName)
                .serverType(machine.vmPlacement().serverType())
                .image(machine.vmPlacement().image())
                .location(machine.vmPlacement().location())
                .userData(CloudConfig.render(deployment))
                .sshKeys(sshKey.id().applyValue(List::of))
                .firewallIds(firewall.id().applyValue(id -> List.of(Integer.parseInt(id))))
                .publicNets(List.of(publicNet.build()))
                .labels(labels)
                .deleteProtection(protect)
                .rebuildProtection(protect)
                .shutdownBeforeDeletion(true)
                .build(), CustomResourceOptions.builder().parent(this).protect(protect)
                // The new server takes the old one's name and primary IPs, which Hetzner gives to one server at a time.
                .deleteBeforeReplace(true).build());

        CustomResourceOptions afterServer = CustomResourceOptions.builder().parent(this).dependsOn(server).build();
        new Rdns("rdns-ipv4", RdnsArgs.builder()
                .primaryIpId(ipv4.id().applyValue(Integer::parseInt))
                .ipAddress(ipv4.ipAddress())
                .dnsPtr(deployment.domain())
                .build(), afterServer);
        ipv6.ifPresent(ip -> new Rdns("rdns-ipv6", RdnsArgs.builder()
                .primaryIpId(ip.id().applyValue(Integer::parseInt))
                .ipAddress(ip.ipAddress())
                .dnsPtr(deployment.domain())
                .build(), afterServer));

        machine.dnsZone().ifPresent(zone -> {
            String record = relativeName(deployment.domain(), zone);
            dnsRecords.add(new ZoneRrset("dns-a", dnsRecord(zone, record, "A", ipv4.ipAddress(), labels), child));
            ipv6.ifPresent(ip -> dnsRecords.add(new ZoneRrset("dns-aaaa", dnsRecord(zone, record, "AAAA", ip.ipAddress(), labels), child)));
            deployment.turns().ifPresent(turns -> {
                String turnRecord = relativeName(turns.name(), zone);
                dnsRecords.add(new ZoneRrset("dns-turns-a", dnsRecord(zone, turnRecord, "A", ipv4.ipAddress(), labels), child));
                ipv6.ifPresent(ip -> dnsRecords.add(
                        new ZoneRrset("dns-turns-aaaa", dnsRecord(zone, turnRecord, "AAAA", ip.ipAddress(), labels), child)));
            });
        });

        if (deployment.usesMediaNodes()) {
            HetznerPrivateNetwork network = new HetznerPrivateNetwork(serverName, machine.vmPlacement().location(), labels, child);
            privateNetwork = Optional.of(network.attach("private-network", server.id(), HetznerPrivateNetwork.HPB_ADDRESS, child));
            Firewall nodeFirewall = new Firewall("media-firewall", FirewallArgs.builder()
                    .name(serverName + "-media")
                    .labels(labels)
                    .rules(firewallRules(deployment.mediaNodePortPlan(HetznerPrivateNetwork.HPB_ADDRESS)))
                    .build(), child);
            for (MediaNode node : deployment.mediaNodes()) {
                mediaNodes.add(new HetznerMediaNode(deployment, node, this, sshKey.id(), nodeFirewall.id(), network, labels, serverName,
                        ComponentResourceOptions.builder().parent(this).build()));
            }
        }

        registerOutputs(Map.of("ipv4", ipv4.ipAddress(), "serverId", server.id()));
    }

    /** A name as the zone's record set names it: @ for the apex, else the labels before the zone. */
    static String relativeName(String name, String zone) {
        return name.equals(zone) ? "@" : name.substring(0, name.length() - zone.length() - 1);
    }

    private PrimaryIp primaryIp(String type, String serverName, Machine machine, Map<String, String> labels,
            CustomResourceOptions options) {
        return new PrimaryIp(type, PrimaryIpArgs.builder()
                .name(serverName + "-" + type)
                .type(type)
                .location(machine.vmPlacement().location())
                .assigneeType("server")
                .autoDelete(false)
                .deleteProtection(machine.protect())
                .labels(labels)
                .build(), options);
    }

    /** The port rules, then one ICMP rule: Hetzner's firewall selects ICMP by protocol only, not by type. */
    static List<FirewallRuleArgs> firewallRules(PortPlan plan) {
        List<FirewallRuleArgs> rules = new java.util.ArrayList<>(plan.rules().stream().map(HetznerHost::firewallRule).toList());
        if (!plan.icmp().isEmpty()) {
            rules.add(FirewallRuleArgs.builder()
                    .direction("in")
                    .protocol("icmp")
                    .sourceIps(PortRule.ANYWHERE)
                    .description("ICMP (all types: the firewall cannot select them) for "
                            + String.join("; ", plan.icmp().stream().map(IcmpRule::reason).toList()))
                    .build());
        }
        return rules;
    }

    static FirewallRuleArgs firewallRule(PortRule rule) {
        return FirewallRuleArgs.builder()
                .direction("in")
                .protocol(rule.protocol().lower())
                .port(rule.ports().toString())
                .sourceIps(rule.sourceCidrs())
                .description(rule.reason())
                .build();
    }

    private static ZoneRrsetArgs dnsRecord(String zone, String name, String type, Output<String> address,
            Map<String, String> labels) {
        return ZoneRrsetArgs.builder()
                .zone(zone)
                .name(name)
                .type(type)
                .ttl(DNS_TTL)
                .records(address.applyValue(a -> List.of(ZoneRrsetRecordArgs.builder().value(a).build())))
                .labels(labels)
                .build();
    }

    @Override
    public Output<String> publicIpv4() {
        return ipv4.ipAddress();
    }

    @Override
    public Output<String> interfaceIpv4() {
        return ipv4.ipAddress();
    }

    @Override
    public Optional<Output<String>> publicIpv6() {
        return ipv6.map(PrimaryIp::ipAddress);
    }

    @Override
    public String sshUser() {
        return sshUser;
    }

    @Override
    public Output<String> deployPrivateKey() {
        return deployKey.privateKeyOpenssh();
    }

    @Override
    public Output<String> instanceId() {
        return server.id();
    }

    @Override
    public Resource reachable() {
        return server;
    }

    @Override
    public List<Resource> dnsRecords() {
        return List.copyOf(dnsRecords);
    }

    @Override
    public Optional<Output<String>> privateIpv4() {
        return privateNetwork.map(ServerNetwork::ip);
    }

    @Override
    public List<Host> mediaNodes() {
        return List.copyOf(mediaNodes);
    }
}
