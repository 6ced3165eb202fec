package com.talkhpb.model;

import java.util.List;

/** Every public port of the HPB. The cloud firewall is exactly this list; nothing else is open. */
public record PortPlan(List<PortRule> rules) {
    public PortPlan {
        rules = List.copyOf(rules);
    }
}
