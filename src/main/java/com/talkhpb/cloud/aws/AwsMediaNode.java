package com.talkhpb.cloud.aws;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.cloud.Host;
import com.talkhpb.cloud.MediaNodeVm;
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
final class AwsMediaNode extends MediaNodeVm {
    static final String TYPE = "talk-hpb:aws:MediaNode";

    private final Instance instance;
    private final boolean ipv6;
    private final Output<String> fittingImage;

    AwsMediaNode(Deployment deployment, MediaNode node, Host hpb, Output<String> keyName, Output<String> securityGroupId,
            InstanceImage image, String serverName, CustomResourceOptions providerOptions, ComponentResourceOptions options) {
        super(TYPE, node.name(), hpb, options);
        this.ipv6 = deployment.machine().ipv6();
        InstanceArgs.Builder args = AwsHost.instance(node.placement(), image.ami(), keyName, securityGroupId,
                        CloudConfig.render(deployment.mediaNodePackages()), serverName + "-" + node.name(), ipv6)
                // Participants send media to it directly: in a subnet that gives none by default too.
                .associatePublicIpAddress(true);
        instance = new Instance(node.name() + "-server", args.build(), CustomResourceOptions.merge(providerOptions,
                CustomResourceOptions.merge(image.options(), CustomResourceOptions.builder().parent(this).build())));
        fittingImage = image.fitting(instance);
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

    /** The AMI the node runs, checked to fit its type's architecture. */
    @Override
    public Optional<Output<String>> image() {
        return Optional.of(fittingImage);
    }

    @Override
    public Output<String> instanceId() {
        return instance.id();
    }

    @Override
    public Resource reachable() {
        return instance;
    }

    /** The VPC address: the proxy listens there. */
    @Override
    public Optional<Output<String>> privateIpv4() {
        return Optional.of(instance.privateIp());
    }
}
