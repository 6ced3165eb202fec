package com.talkhpb.model;

import com.talkhpb.facts.SecretKind;
import com.talkhpb.facts.WellKnownPorts;
import com.talkhpb.settings.Placement;

/**
 * One media node: a host that runs Janus behind the upstream signaling proxy
 * (nextcloud-spreed-signaling-proxy); the HPB's signaling server places publishers on the least loaded
 * node. Its number is its identity: node 2 stays node 2 when node 3 is added or removed.
 *
 * @param number    1, 2, ...: the node's place in the stack (its name and resource names derive from it)
 * @param proxyPort where its proxy listens, on the node's private address only
 * @param hashKey   the proxy's session hash key (its own, not the HPB's)
 * @param blockKey  the proxy's session block key
 * @param placement where its VM runs: the HPB's location and image, the nodes' server type
 */
public record MediaNode(int number, int proxyPort, SecretRef hashKey, SecretRef blockKey, Placement placement) {
    public MediaNode {
        if (number < 1) {
            throw new IllegalArgumentException("media nodes are numbered from 1: " + number);
        }
    }

    public static MediaNode numbered(int number, Placement placement) {
        String name = "media" + number;
        return new MediaNode(number, WellKnownPorts.MEDIA_PROXY,
                new SecretRef(name + "ProxyHashKey", SecretKind.PROXY_HASH_KEY),
                new SecretRef(name + "ProxyBlockKey", SecretKind.PROXY_BLOCK_KEY), placement);
    }

    /** The node's name: its proxy's [app] name, the suffix of its resources' names. */
    public String name() {
        return "media-" + number;
    }

    /** The URL the HPB's signaling server connects to, on the node's private address. */
    public String proxyUrl(String privateIpv4) {
        return "http://" + privateIpv4 + ":" + proxyPort;
    }
}
