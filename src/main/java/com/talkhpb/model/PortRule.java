package com.talkhpb.model;

import com.talkhpb.settings.PortRange;
import java.util.List;

/** One inbound rule of the public port plan: what is open, to whom, and why. */
public record PortRule(Protocol protocol, PortRange ports, List<String> sourceCidrs, String reason) {
    public static final List<String> ANYWHERE = List.of("0.0.0.0/0", "::/0");

    public PortRule {
        sourceCidrs = List.copyOf(sourceCidrs);
    }
}
