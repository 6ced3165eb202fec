package com.talkhpb.model;

import com.talkhpb.settings.Cloud;
import com.talkhpb.settings.ExistingServer;
import com.talkhpb.settings.Placement;
import java.util.Optional;

/**
 * The machine the HPB runs on, as the host resources need it: which cloud, where and of what kind (a
 * VM talk-hpb creates) or which existing server, its name's stack, whether it has IPv6, the user and
 * port provisioning logs in with, the DNS zone to register it in, and whether it is protected.
 */
public record Machine(String stackName, Cloud cloud, Optional<Placement> placement, Optional<ExistingServer> existingServer,
        boolean ipv6, String sshUser, int sshPort, Optional<String> dnsZone, boolean protect) {

    public Machine {
        if (cloud.createsMachine() == placement.isEmpty() || cloud.createsMachine() == existingServer.isPresent()) {
            throw new IllegalArgumentException("a VM talk-hpb creates has a placement, an existing server its address: " + cloud);
        }
    }

    /** Where the VM talk-hpb creates runs; there is none for an existing server. */
    public Placement vmPlacement() {
        return placement.orElseThrow(() -> new IllegalStateException("an existing server has no placement"));
    }
}
