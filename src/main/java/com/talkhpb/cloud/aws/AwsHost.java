package com.talkhpb.cloud.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ec2.Ec2Functions;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.EipAssociation;
import com.pulumi.aws.ec2.EipAssociationArgs;
import com.pulumi.aws.ec2.EipDomainName;
import com.pulumi.aws.ec2.EipDomainNameArgs;
import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.KeyPair;
import com.pulumi.aws.ec2.KeyPairArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.GetSubnetArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.ec2.outputs.GetSubnetResult;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Route53Functions;
import com.pulumi.aws.route53.inputs.GetZoneArgs;
import com.pulumi.aws.route53.outputs.GetZoneResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
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
import com.talkhpb.settings.ConfigKey;
import com.talkhpb.settings.Placement;
import com.talkhpb.model.Machine;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HPB's VM on AWS: deploy key pair, a security group that is exactly the model's port plan, the
 * newest official Debian 12 AMI (pinned once the instance exists), an encrypted gp3 root volume,
 * IMDSv2 only, package-only user-data, an Elastic IP that outlives the instance and, with a hosted
 * zone, Route 53 records and reverse DNS. The instance sees only its private address: the model
 * tells Janus and coturn to announce the Elastic IP.
 */
public final class AwsHost extends ComponentResource implements Host {
    public static final String TYPE = "talk-hpb:aws:Host";
    static final int ROOT_VOLUME_GIB = 20;
    static final int DNS_TTL = 300;
    static final List<String> ANY_IPV4 = List.of("0.0.0.0/0");
    static final List<String> ANY_IPV6 = List.of("::/0");

    private final String sshUser;
    private final PrivateKey deployKey;
    private final Instance instance;
    private final Eip eip;
    private final EipAssociation association;
    private final Output<String> fittingImage;
    private final List<Resource> dnsRecords = new java.util.ArrayList<>();
    private final boolean ipv6;
    private final List<Host> mediaNodes = new java.util.ArrayList<>();

    public AwsHost(String name, Deployment deployment, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Machine machine = deployment.machine();
        sshUser = machine.sshUser();
        Placement placement = machine.vmPlacement();
        ipv6 = machine.ipv6();
        boolean protect = machine.protect();
        String serverName = HostNaming.hostname(machine.stackName());

        Provider provider = new Provider("aws", ProviderArgs.builder()
                .region(placement.location())
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(HostNaming.labels(machine.stackName())).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).provider(provider).build();
        InvokeOptions lookup = InvokeOptions.builder().parent(this).provider(provider).build();

        deployKey = new PrivateKey("deploy-key", PrivateKeyArgs.builder().algorithm("ED25519").build(),
                CustomResourceOptions.builder().parent(this).build());
        KeyPair keyPair = new KeyPair("deploy-key", KeyPairArgs.builder()
                .keyName(serverName + "-deploy")
                .publicKey(deployKey.publicKeyOpenssh().applyValue(String::strip))
                .build(), child);

        Optional<Output<String>> vpcId = placement.subnetId().map(subnet -> Ec2Functions.getSubnet(
                GetSubnetArgs.builder().id(subnet).build(), lookup).applyValue(GetSubnetResult::vpcId));
        SecurityGroupArgs.Builder group = SecurityGroupArgs.builder()
                // A prefix, not a name: a replaced group (another VPC) is created before the old one goes,
                // and AWS refuses two groups of one name. The description forces a replacement when it
                // changes, so it names nothing that changes (not the domain).
                .namePrefix(serverName + "-")
                .description("talk-hpb: the HPB's port plan")
                .ingress(ingressRules(deployment.portPlan()))
                .egress(SecurityGroupEgressArgs.builder()
                        .description("Packages, ACME, time and the Nextcloud backends")
                        .protocol("-1").fromPort(0).toPort(0)
                        .cidrBlocks(ANY_IPV4)
                        .ipv6CidrBlocks(ipv6 ? ANY_IPV6 : List.of())
                        .build());
        vpcId.ifPresent(group::vpcId);
        SecurityGroup securityGroup = new SecurityGroup("firewall", group.build(), child);

        InstanceImage image = new InstanceImage(placement, ConfigKey.SERVER_TYPE, lookup);
        InstanceArgs.Builder instanceArgs = instance(placement, image.ami(), keyPair.keyName(), securityGroup.id(),
                CloudConfig.render(deployment), serverName, ipv6)
                .disableApiTermination(protect);
        instance = new Instance("server", instanceArgs.build(), CustomResourceOptions.merge(image.options(),
                CustomResourceOptions.builder().parent(this).provider(provider).protect(protect).build()));
        fittingImage = image.fitting(instance);

        eip = new Eip("ipv4", EipArgs.builder().domain("vpc").tags(Map.of("Name", serverName)).build(),
                CustomResourceOptions.builder().parent(this).provider(provider).protect(protect).build());
        association = new EipAssociation("ipv4", EipAssociationArgs.builder()
                .allocationId(eip.allocationId())
                .instanceId(instance.id())
                .build(), child);

        machine.dnsZone().ifPresent(zone -> dns(zone, deployment, lookup, child, provider));

        if (deployment.usesMediaNodes()) {
            SecurityGroupArgs.Builder nodeGroup = SecurityGroupArgs.builder()
                    .namePrefix(serverName + "-media-")
                    .description("talk-hpb: the media nodes' port plan")
                    .ingress(mediaNodeIngressRules(deployment, securityGroup.id()))
                    .egress(SecurityGroupEgressArgs.builder()
                            .description("Packages and time")
                            .protocol("-1").fromPort(0).toPort(0)
                            .cidrBlocks(ANY_IPV4)
                            .ipv6CidrBlocks(ipv6 ? ANY_IPV6 : List.of())
                            .build());
            vpcId.ifPresent(nodeGroup::vpcId);
            SecurityGroup nodeSecurityGroup = new SecurityGroup("media-firewall", nodeGroup.build(), child);
            for (MediaNode node : deployment.mediaNodes()) {
                mediaNodes.add(new AwsMediaNode(deployment, node, this, keyPair.keyName(), nodeSecurityGroup.id(),
                        new InstanceImage(node.placement(), ConfigKey.MEDIA_NODE_SERVER_TYPE, lookup), serverName,
                        CustomResourceOptions.builder().provider(provider).build(),
                        ComponentResourceOptions.builder().parent(this).build()));
            }
        }
        registerOutputs(Map.of("ipv4", eip.publicIp(), "instanceId", instance.id()));
    }

    /** The port rules, then the ICMP messages by type and code (ICMPv6 only where the group opens IPv6). */
    private List<SecurityGroupIngressArgs> ingressRules(PortPlan plan) {
        List<SecurityGroupIngressArgs> rules = new java.util.ArrayList<>(plan.rules().stream().map(this::ingress).toList());
        for (IcmpRule icmp : plan.icmp()) {
            if (icmp.ipv6() && !ipv6) {
                continue;
            }
            rules.add(SecurityGroupIngressArgs.builder()
                    .description(icmp.reason())
                    .protocol(icmp.family())
                    .fromPort(icmp.type())
                    .toPort(icmp.code())
                    .cidrBlocks(icmp.ipv6() ? List.of() : List.of("0.0.0.0/0"))
                    .ipv6CidrBlocks(icmp.ipv6() ? List.of("::/0") : List.of())
                    .build());
        }
        return rules;
    }

    /**
     * The media nodes' plan, where the rules for the HPB alone (its proxy, and with metrics the
     * exporters) admit the HPB's security group rather than an address: the HPB reaches them over the
     * VPC from whichever private address it has.
     */
    private List<SecurityGroupIngressArgs> mediaNodeIngressRules(Deployment deployment, Output<String> hpbGroupId) {
        String hpbPrivate = "{{hpb:privateIpv4}}";
        PortPlan plan = deployment.mediaNodePortPlan(hpbPrivate);
        List<SecurityGroupIngressArgs> rules = new java.util.ArrayList<>(ingressRules(plan));
        for (int i = 0; i < plan.rules().size(); i++) {
            PortRule rule = plan.rules().get(i);
            if (rule.sourceCidrs().equals(List.of(hpbPrivate + "/32"))) {
                rules.set(i, SecurityGroupIngressArgs.builder()
                        .description(rule.reason())
                        .protocol(rule.protocol().lower())
                        .fromPort(rule.ports().min())
                        .toPort(rule.ports().max())
                        .securityGroups(hpbGroupId.applyValue(List::of))
                        .build());
            }
        }
        return rules;
    }

    private SecurityGroupIngressArgs ingress(PortRule rule) {
        List<String> v4 = rule.sourceCidrs().stream().filter(c -> !c.contains(":")).toList();
        List<String> v6 = ipv6 ? rule.sourceCidrs().stream().filter(c -> c.contains(":")).toList() : List.of();
        return SecurityGroupIngressArgs.builder()
                .description(rule.reason())
                .protocol(rule.protocol().lower())
                .fromPort(rule.ports().min())
                .toPort(rule.ports().max())
                .cidrBlocks(v4)
                .ipv6CidrBlocks(v6)
                .build();
    }

    /**
     * An instance as talk-hpb runs them (the HPB and its media nodes): package-only user-data that
     * replaces the instance when it changes (cloud-init runs once per instance), IMDSv2 only, an
     * encrypted gp3 root volume, in the placement's subnet, with IPv6 when the stack has it.
     */
    static InstanceArgs.Builder instance(Placement placement, Output<String> ami, Output<String> keyName, Output<String> securityGroupId,
            String userData, String name, boolean ipv6) {
        InstanceArgs.Builder args = InstanceArgs.builder()
                .ami(ami)
                .instanceType(placement.serverType())
                .keyName(keyName)
                .vpcSecurityGroupIds(securityGroupId.applyValue(List::of))
                .userData(userData)
                .userDataReplaceOnChange(true)
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        .volumeType("gp3").volumeSize(ROOT_VOLUME_GIB).encrypted(true).deleteOnTermination(true).build())
                .tags(Map.of("Name", name));
        placement.subnetId().ifPresent(args::subnetId);
        if (ipv6) {
            args.ipv6AddressCount(1);
        }
        return args;
    }

    private void dns(String zone, Deployment deployment, InvokeOptions lookup, CustomResourceOptions child, Provider provider) {
        String domain = deployment.domain();
        Output<String> zoneId = Route53Functions.getZone(GetZoneArgs.builder().name(zone).privateZone(false).build(), lookup)
                .applyValue(GetZoneResult::zoneId);
        deployment.turns().ifPresent(turns -> {
            dnsRecords.add(new Record("dns-turns-a", RecordArgs.builder()
                    .zoneId(zoneId).name(turns.name()).type("A").ttl(DNS_TTL)
                    .records(eip.publicIp().applyValue(List::of))
                    .build(), child));
            if (ipv6) {
                dnsRecords.add(new Record("dns-turns-aaaa", RecordArgs.builder()
                        .zoneId(zoneId).name(turns.name()).type("AAAA").ttl(DNS_TTL)
                        .records(publicIpv6().orElseThrow().applyValue(List::of))
                        .build(), child));
            }
        });
        Record a = new Record("dns-a", RecordArgs.builder()
                .zoneId(zoneId).name(domain).type("A").ttl(DNS_TTL)
                .records(eip.publicIp().applyValue(List::of))
                .build(), child);
        dnsRecords.add(a);
        if (ipv6) {
            dnsRecords.add(new Record("dns-aaaa", RecordArgs.builder()
                    .zoneId(zoneId).name(domain).type("AAAA").ttl(DNS_TTL)
                    .records(publicIpv6().orElseThrow().applyValue(List::of))
                    .build(), child));
        }
        // AWS sets the Elastic IP's reverse DNS only once the forward record points at it.
        new EipDomainName("rdns-ipv4", EipDomainNameArgs.builder()
                .allocationId(eip.allocationId())
                .domainName(domain)
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(a).build());
    }

    @Override
    public Output<String> publicIpv4() {
        return eip.publicIp();
    }

    @Override
    public Output<String> interfaceIpv4() {
        return instance.privateIp();
    }

    /** The AMI the instance runs, checked to fit its type's architecture. */
    @Override
    public Optional<Output<String>> image() {
        return Optional.of(fittingImage);
    }

    @Override
    public Optional<Output<String>> publicIpv6() {
        return ipv6 ? Optional.of(instance.ipv6Addresses().applyValue(addresses -> addresses.get(0))) : Optional.empty();
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
        return instance.id();
    }

    @Override
    public Resource reachable() {
        return association;
    }

    @Override
    public List<Resource> dnsRecords() {
        return List.copyOf(dnsRecords);
    }

    /** The VPC address, where the media nodes' proxies see the signaling server come from. */
    @Override
    public Optional<Output<String>> privateIpv4() {
        return mediaNodes.isEmpty() ? Optional.empty() : Optional.of(instance.privateIp());
    }

    @Override
    public List<Host> mediaNodes() {
        return List.copyOf(mediaNodes);
    }
}
