package com.talkhpb.cloud.hcloud;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.hcloud.Network;
import com.talkhpb.bindings.hcloud.NetworkArgs;
import com.talkhpb.bindings.hcloud.NetworkSubnet;
import com.talkhpb.bindings.hcloud.NetworkSubnetArgs;
import com.talkhpb.bindings.hcloud.ServerNetwork;
import com.talkhpb.bindings.hcloud.ServerNetworkArgs;
import com.talkhpb.facts.HetznerNetworkZones;
import java.util.Map;

/**
 * The private network between the HPB and its media nodes: the signaling server reaches the nodes'
 * proxies there, never over the Internet (their control traffic is plain HTTP with signed tokens, and
 * carries SDP). Hetzner's cloud firewalls apply to public interfaces only, so the nodes' host
 * firewalls admit the proxy from the HPB's address alone. Fixed addresses: the HPB .2, node n .(10+n).
 */
final class HetznerPrivateNetwork {
    static final String IP_RANGE = "10.77.0.0/16";
    static final String SUBNET_RANGE = "10.77.0.0/24";
    static final String HPB_ADDRESS = "10.77.0.2";

    private final NetworkSubnet subnet;

    HetznerPrivateNetwork(String serverName, String location, Map<String, String> labels, CustomResourceOptions child) {
        Network network = new Network("media-network", NetworkArgs.builder()
                .name(serverName + "-media")
                .ipRange(IP_RANGE)
                .labels(labels)
                .build(), child);
        subnet = new NetworkSubnet("media-subnet", NetworkSubnetArgs.builder()
                .networkId(network.id().applyValue(Integer::parseInt))
                .type("cloud")
                .networkZone(HetznerNetworkZones.of(location).orElseThrow(
                        () -> new IllegalArgumentException("no network zone for location " + location)))
                .ipRange(SUBNET_RANGE)
                .build(), child);
    }

    static String nodeAddress(int number) {
        return "10.77.0." + (10 + number);
    }

    /** Attaches a server at a fixed address; the attachment is replaced (detached, attached anew) when the server is. */
    ServerNetwork attach(String name, Output<String> serverId, String address, CustomResourceOptions child) {
        return new ServerNetwork(name, ServerNetworkArgs.builder()
                .serverId(serverId.applyValue(Integer::parseInt))
                .subnetId(subnet.id())
                .ip(address)
                .build(), child);
    }
}
