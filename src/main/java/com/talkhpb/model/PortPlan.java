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

    /** Where the plan admits connections to one port from (the SSH sources, for the provisioning session). */
    public List<String> sourcesFor(Protocol protocol, int port) {
        return rules.stream().filter(r -> r.protocol() == protocol && r.ports().min() <= port && port <= r.ports().max())
                .flatMap(r -> r.sourceCidrs().stream()).distinct().toList();
    }
}
