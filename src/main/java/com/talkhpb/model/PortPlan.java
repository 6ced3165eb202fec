package com.talkhpb.model;

import java.util.List;

/**
 * Every public port of the HPB, and the ICMP messages it needs. The cloud firewall is exactly this;
 * nothing else is open.
 */
public record PortPlan(List<PortRule> rules, List<IcmpRule> icmp) {
    public PortPlan {
        rules = List.copyOf(rules);
        icmp = List.copyOf(icmp);
    }
}
