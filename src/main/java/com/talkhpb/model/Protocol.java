package com.talkhpb.model;

/** Transport protocol of a firewall rule. */
public enum Protocol {
    TCP, UDP;

    public String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
