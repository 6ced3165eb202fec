package com.talkhpb.settings;

import java.util.Arrays;
import java.util.Optional;

/** Every key of the {@code talk-hpb} config namespace, with what it means. README documents the same list. */
public enum ConfigKey {
    DOMAIN("domain", "Fully qualified domain name of the HPB, e.g. hpb.example.com (required)."),
    NEXTCLOUD("nextcloud", "List of Nextcloud servers, each {url, secret?, ssh?, occ?}; secret is generated when absent; with ssh, talk-hpb configures Talk there (required)."),
    NEXTCLOUD_SSH_KEY("nextcloudSshKey", "Private SSH key that logs in to the Nextcloud servers given with ssh, to configure Talk there (secret; optional)."),
    CLOUD("cloud", "Where the VM runs: hcloud (default) or aws."),
    SERVER_TYPE("serverType", "Hetzner server type (default cx23) or EC2 instance type (default t3.medium)."),
    LOCATION("location", "Hetzner location (default nbg1) or AWS region (default eu-central-1)."),
    IMAGE("image", "debian-12 (default: the cloud's newest Debian 12 image), a Hetzner snapshot id or a Debian 12 AMI id."),
    SUBNET_ID("subnetId", "AWS only: subnet to run in (default: the region's default VPC)."),
    SSH_SOURCE_CIDRS("sshSourceCidrs", "CIDRs allowed to reach SSH, e.g. [\"198.51.100.7/32\"] (required; provisioning uses SSH)."),
    IPV6("ipv6", "Give the server a public IPv6 address too (default true on hcloud, false on aws; aws needs subnetId)."),
    DNS_ZONE("dnsZone", "DNS zone (Hetzner DNS or Route 53) that holds the domain, e.g. example.com; A/AAAA records are managed when set."),
    PROTECT("protect", "Protect the server and its IPs from deletion (default true; set false on test stacks)."),
    SECRETS_GENERATION("secretsGeneration", "Change this number to rotate every generated secret at once (default 1)."),
    ADMIN_SSH_KEYS("adminSshKeys", "Extra OpenSSH public keys allowed to log in (as root, or admin on AWS) (optional)."),
    TLS_MODE("tlsMode", "acme (default), self-signed (test stacks) or provided."),
    ACME_EMAIL("acmeEmail", "Contact e-mail for Let's Encrypt (required with tlsMode acme)."),
    TLS_CERTIFICATE("tlsCertificate", "PEM certificate chain (secret; required with tlsMode provided)."),
    TLS_PRIVATE_KEY("tlsPrivateKey", "PEM private key (secret; required with tlsMode provided)."),
    RTP_PORT_RANGE("rtpPortRange", "Janus RTP UDP range as MIN-MAX (default 20000-40000); the firewall opens exactly this."),
    TURN_PORT("turnPort", "coturn port for UDP and TCP (default 3478)."),
    SIGNALING_VERSION("signalingVersion", "Exact Debian version of nextcloud-spreed-signaling to install (default: newest 2.x from sid)."),
    HASH_KEY("hashKey", "Explicit signaling session hash key, 32 or 64 characters (secret; default generated)."),
    BLOCK_KEY("blockKey", "Explicit signaling session block key, exactly 32 characters (secret; default generated)."),
    INTERNAL_SECRET("internalSecret", "Explicit secret for internal signaling clients (secret; default generated)."),
    TURN_API_KEY("turnApiKey", "Explicit TURN REST API key (secret; default generated)."),
    TURN_SECRET("turnSecret", "Explicit coturn static-auth-secret (secret; default generated).");

    private final String key;
    private final String description;

    ConfigKey(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The key as written in a stack file and on the command line. */
    public String qualified() {
        return Settings.NAMESPACE + ":" + key;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
