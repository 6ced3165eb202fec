package com.talkhpb.model;

import com.talkhpb.settings.Cloud;

/**
 * How the host's public IPv4 address reaches it. Janus and coturn must announce an address they
 * cannot see on any interface, so they need to know which case they are in.
 */
public enum PublicAddressing {
    /** The public address is configured on the interface (Hetzner Cloud). */
    ON_INTERFACE,
    /** The interface has a private address that the cloud maps 1:1 to the public one (AWS Elastic IP). */
    ONE_TO_ONE_NAT;

    public static PublicAddressing of(Cloud cloud) {
        return switch (cloud) {
            case HCLOUD -> ON_INTERFACE;
            case AWS -> ONE_TO_ONE_NAT;
        };
    }
}
