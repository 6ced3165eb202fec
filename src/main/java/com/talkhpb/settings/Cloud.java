package com.talkhpb.settings;

import java.util.regex.Pattern;

/**
 * Where the HPB runs: a VM talk-hpb creates on a cloud, with what its placement settings look like
 * there, or a Debian 12 server the admin already has ({@link #EXISTING}: no cloud resource, no
 * placement). Only these differ; the model, renderers and provisioning are the same.
 */
public enum Cloud {
    HCLOUD("hcloud", "Hetzner Cloud",
            "cx23", Pattern.compile("[a-z]+[0-9]+[a-z]*"), "a Hetzner server type such as cx23 or cpx31",
            "nbg1", Pattern.compile("[a-z]+[0-9]*"), "a Hetzner location such as nbg1, fsn1 or hel1",
            Pattern.compile("debian-12|[0-9]+"),
            "debian-12 (the HPB packages are built for Debian 12) or the numeric id of a Debian 12 snapshot",
            true),
    AWS("aws", "AWS",
            "t3.medium", Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+"), "an EC2 instance type such as t3.medium or c7g.large",
            "eu-central-1", Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]"), "an AWS region such as eu-central-1 or us-east-1",
            Pattern.compile("debian-12|ami-[0-9a-f]{8}([0-9a-f]{9})?"),
            "debian-12 (the newest official Debian 12 AMI, pinned at creation) or the id of a Debian 12 AMI (ami-…)",
            // The default VPC has no IPv6 range; IPv6 needs a subnet that has one.
            false),
    EXISTING("existing", "an existing server", null, null, null, null, null, null, null, null, false);

    private final String configValue;
    private final String displayName;
    private final String defaultServerType;
    private final Pattern serverType;
    private final String serverTypeExample;
    private final String defaultLocation;
    private final Pattern location;
    private final String locationExample;
    private final Pattern image;
    private final String imageExample;
    private final boolean defaultIpv6;

    Cloud(String configValue, String displayName, String defaultServerType, Pattern serverType, String serverTypeExample,
            String defaultLocation, Pattern location, String locationExample, Pattern image, String imageExample,
            boolean defaultIpv6) {
        this.configValue = configValue;
        this.displayName = displayName;
        this.defaultServerType = defaultServerType;
        this.serverType = serverType;
        this.serverTypeExample = serverTypeExample;
        this.defaultLocation = defaultLocation;
        this.location = location;
        this.locationExample = locationExample;
        this.image = image;
        this.imageExample = imageExample;
        this.defaultIpv6 = defaultIpv6;
    }

    public String configValue() {
        return configValue;
    }

    public String displayName() {
        return displayName;
    }

    public String defaultServerType() {
        return defaultServerType;
    }

    public Pattern serverType() {
        return serverType;
    }

    public String serverTypeExample() {
        return serverTypeExample;
    }

    public String defaultLocation() {
        return defaultLocation;
    }

    public Pattern location() {
        return location;
    }

    public String locationExample() {
        return locationExample;
    }

    /** The image setting's default on every cloud: the cloud's newest Debian 12 image. */
    public String defaultImage() {
        return "debian-12";
    }

    public Pattern image() {
        return image;
    }

    public String imageExample() {
        return imageExample;
    }

    public boolean defaultIpv6() {
        return defaultIpv6;
    }

    /** False for an existing server: talk-hpb creates no machine and reads no placement for it. */
    public boolean createsMachine() {
        return this != EXISTING;
    }

    /**
     * The user the cloud's Debian 12 image lets the key given at creation log in as: root on Hetzner,
     * admin (with passwordless sudo) on Debian's AMIs. Provisioning and the admins' keys use it.
     */
    public String loginUser() {
        if (this == EXISTING) {
            throw new IllegalStateException("an existing server logs in as its sshUser setting");
        }
        return this == AWS ? "admin" : "root";
    }
}
