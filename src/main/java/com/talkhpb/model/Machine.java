package com.talkhpb.model;

import com.talkhpb.settings.Cloud;
import com.talkhpb.settings.Placement;
import java.util.Optional;

/**
 * The machine the HPB runs on, as the cloud resources need it: which cloud, where and of what kind,
 * its name's stack, whether it has IPv6, the DNS zone to register it in, and whether it is protected.
 */
public record Machine(String stackName, Cloud cloud, Placement placement, boolean ipv6, Optional<String> dnsZone,
        boolean protect) {
}
