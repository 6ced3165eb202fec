package com.talkhpb.cloud.aws;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.cloud.Host;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.render.CloudConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One media node on AWS: an instance in the HPB's subnet (the VPC is the private network: the HPB
 * reaches the proxy at the node's private address, which the nodes' security group admits from the
 * HPB's group only) with a public address of its own for media. Not protected: scaling down deletes
 * nodes, after their drain. Like the HPB it sees only its private address; Janus announces the public one.
 */
final class AwsMediaNode extends ComponentResource implements Host {
    static final String TYPE = "talk-hpb:aws:MediaNode";

    private final Instance instance;
    private final Host hpb;
    private final boolean ipv6;

    AwsMediaNode(Deployment deployment, MediaNode node, Host hpb, Output<String> keyName, Output<String> securityGroupId,
            Output<String> ami, String serverName, CustomResourceOptions providerOptions, ComponentResourceOptions options) {
        super(TYPE, node.name(), options);
        this.hpb = hpb;
        this.ipv6 = deployment.machine().ipv6();
        InstanceArgs.Builder args = InstanceArgs.builder()
                .ami(ami)
                .instanceType(node.placement().serverType())
                .keyName(keyName)
                .vpcSecurityGroupIds(securityGroupId.applyValue(List::of))
                .userData(CloudConfig.render(deployment.mediaNodePackages()))
                .userDataReplaceOnChange(true)
                // Participants send media to it directly: in a subnet that gives none by default too.
                .associatePublicIpAddress(true)
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        .volumeType("gp3").volumeSize(AwsHost.ROOT_VOLUME_GIB).encrypted(true).deleteOnTermination(true).build())
                .tags(Map.of("Name", serverName + "-" + node.name()));
        node.placement().subnetId().ifPresent(args::subnetId);
        if (ipv6) {
            args.ipv6AddressCount(1);
        }
        instance = new Instance(node.name() + "-server", args.build(), CustomResourceOptions.merge(providerOptions,
                CustomResourceOptions.builder().parent(this).ignoreChanges("ami").build()));
        registerOutputs(Map.of("ipv4", instance.publicIp(), "instanceId", instance.id()));
    }

    @Override
    public Output<String> publicIpv4() {
        return instance.publicIp();
    }

    @Override
    public Output<String> interfaceIpv4() {
        return instance.privateIp();
    }

    @Override
    public Optional<Output<String>> publicIpv6() {
        return ipv6 ? Optional.of(instance.ipv6Addresses().applyValue(addresses -> addresses.get(0))) : Optional.empty();
    }

    @Override
    public String sshUser() {
        return hpb.sshUser();
    }

    /** The HPB's deploy key: one key pair for the stack's machines. */
    @Override
    public Output<String> deployPrivateKey() {
        return hpb.deployPrivateKey();
    }

    @Override
    public Output<String> instanceId() {
        return instance.id();
    }

    @Override
    public Resource reachable() {
        return instance;
    }

    @Override
    public List<Resource> dnsRecords() {
        return List.of();
    }

    /** The VPC address: the proxy listens there. */
    @Override
    public Optional<Output<String>> privateIpv4() {
        return Optional.of(instance.privateIp());
    }

    @Override
    public List<Host> mediaNodes() {
        return List.of();
    }
}
