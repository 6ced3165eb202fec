package com.talkhpb.model;

import com.talkhpb.settings.ExistingServer;
import com.talkhpb.settings.Settings;

/**
 * How the host's public IPv4 address reaches it. Janus and coturn must announce an address they
 * cannot see on any interface, so they need to know which case they are in.
 */
public enum PublicAddressing {
    /** The public address is configured on the interface (Hetzner Cloud, most dedicated servers). */
    ON_INTERFACE,
    /** The interface has a private address that the cloud maps 1:1 to the public one (AWS Elastic IP). */
    ONE_TO_ONE_NAT;

    public static PublicAddressing of(Settings settings) {
        return switch (settings.cloud()) {
            case HCLOUD -> ON_INTERFACE;
            case AWS -> ONE_TO_ONE_NAT;
            case EXISTING -> settings.existingServer().filter(ExistingServer::behindOneToOneNat).isPresent()
                    ? ONE_TO_ONE_NAT : ON_INTERFACE;
        };
    }
}
