package com.talkhpb.cloud.hcloud;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.talkhpb.bindings.hcloud.Server;
import com.talkhpb.bindings.hcloud.ServerArgs;
import com.talkhpb.bindings.hcloud.ServerNetwork;
import com.talkhpb.bindings.hcloud.ServerPublicNetArgs;
import com.talkhpb.cloud.Host;
import com.talkhpb.cloud.MediaNodeVm;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.render.CloudConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One media node on Hetzner Cloud: a server with the nodes' firewall and package-only user-data, on
 * the private network at its fixed address. Not protected, whatever the stack says: scaling down
 * deletes nodes, and they hold nothing but calls, which their drain lets end first.
 */
final class HetznerMediaNode extends MediaNodeVm {
    static final String TYPE = "talk-hpb:hcloud:MediaNode";

    private final Server server;
    private final ServerNetwork attachment;
    private final boolean ipv6;

    HetznerMediaNode(Deployment deployment, MediaNode node, Host hpb, Output<String> sshKeyId, Output<String> firewallId,
            HetznerPrivateNetwork network, Map<String, String> labels, String serverName, ComponentResourceOptions options) {
        super(TYPE, node.name(), hpb, options);
        this.ipv6 = deployment.machine().ipv6();
        server = new Server(node.name() + "-server", ServerArgs.builder()
                .name(serverName + "-" + node.name())
                .serverType(node.placement().serverType())
                .image(node.placement().image())
                .location(node.placement().location())
                .userData(CloudConfig.render(deployment.mediaNodePackages()))
                .sshKeys(sshKeyId.applyValue(List::of))
                .firewallIds(firewallId.applyValue(id -> List.of(Integer.parseInt(id))))
                .publicNets(List.of(ServerPublicNetArgs.builder().ipv4Enabled(true).ipv6Enabled(ipv6).build()))
                .labels(labels)
                .shutdownBeforeDeletion(true)
                .build(), CustomResourceOptions.builder().parent(this).build());
        attachment = network.attach(node.name() + "-private-network", server.id(), HetznerPrivateNetwork.nodeAddress(node.number()),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("ipv4", server.ipv4Address(), "serverId", server.id()));
    }

    @Override
    public Output<String> publicIpv4() {
        return server.ipv4Address();
    }

    @Override
    public Output<String> interfaceIpv4() {
        return server.ipv4Address();
    }

    @Override
    public Optional<Output<String>> publicIpv6() {
        return ipv6 ? Optional.of(server.ipv6Address()) : Optional.empty();
    }

    @Override
    public Output<String> instanceId() {
        return server.id();
    }

    /** On the private network: the proxy's address exists only then. */
    @Override
    public Resource reachable() {
        return attachment;
    }

    @Override
    public Optional<Output<String>> privateIpv4() {
        return Optional.of(attachment.ip());
    }
}
