package com.talkhpb.settings;

import java.util.Arrays;
import java.util.Optional;

/** Every key of the {@code talk-hpb} config namespace, with what it means. README documents the same list. */
public enum ConfigKey {
DOMAIN("domain", "Fully qualified domain name of the HPB, e.g. hpb.example.com (required).", ValueType.STRING, false, null),
NEXTCLOUD("nextcloud", "List of Nextcloud servers, each {url, secret?, ssh?, occ?}; secret is generated when absent; with ssh, talk-hpb configures Talk there (required).", ValueType.LIST_OF_OBJECTS, false, null),
NEXTCLOUD_SSH_KEY("nextcloudSshKey", "Private SSH key that logs in to the Nextcloud servers given with ssh, to configure Talk there (secret; optional).", ValueType.STRING, true, null),
CLOUD("cloud", "Where the HPB runs: hcloud (default) or aws (a VM talk-hpb creates), or existing (a Debian 12 server you have, reached over SSH).", ValueType.STRING, false, "hcloud"),
SERVER_TYPE("serverType", "Hetzner server type (default cx23) or EC2 instance type (default t3.medium).", ValueType.STRING, false, null),
LOCATION("location", "Hetzner location (default nbg1) or AWS region (default eu-central-1).", ValueType.STRING, false, null),
IMAGE("image", "debian-12 (default: the cloud's newest Debian 12 image), a Hetzner snapshot id or a Debian 12 AMI id.", ValueType.STRING, false, "debian-12"),
SUBNET_ID("subnetId", "AWS only: subnet to run in (default: the region's default VPC).", ValueType.STRING, false, null),
HOST_IPV4("hostIpv4", "cloud existing: the server's public IPv4 address, where talk-hpb logs in and Talk's clients connect (required there).", ValueType.STRING, false, null),
HOST_IPV6("hostIpv6", "cloud existing: the server's public IPv6 address; the HPB serves IPv6 too when set (optional).", ValueType.STRING, false, null),
HOST_INTERFACE_IPV4("hostInterfaceIpv4", "cloud existing: the IPv4 address on the server's interface when the provider maps hostIpv4 to it 1:1 (default: hostIpv4).", ValueType.STRING, false, null),
SSH_USER("sshUser", "cloud existing: the user talk-hpb logs in as, root (default) or one with passwordless sudo.", ValueType.STRING, false, null),
SSH_PORT("sshPort", "cloud existing: the port the server's sshd listens on (default 22); talk-hpb connects there and the host firewall admits SSH there only.", ValueType.INTEGER, false, null),
SSH_HOST_KEY("sshHostKey", "cloud existing: the server's SSH host key, as ssh-keyscan prints it; talk-hpb connects only to a server that presents it (required there).", ValueType.STRING, false, null),
SSH_PRIVATE_KEY("sshPrivateKey", "cloud existing: the private key that logs in as sshUser (secret; required there).", ValueType.STRING, true, null),
PURGE_PACKAGES_ON_DESTROY("purgePackagesOnDestroy", "cloud existing: pulumi destroy also purges the packages talk-hpb installed (default false: kept, stopped and disabled).", ValueType.BOOLEAN, false, null),
MEDIA_NODES("mediaNodes", "Media nodes: VMs running Janus behind the signaling proxy, which carry the calls in place of the HPB's own Janus (default 0; at most 10; hcloud and aws).", ValueType.INTEGER, false, "0"),
MEDIA_NODE_SERVER_TYPE("mediaNodeServerType", "Server type (Hetzner) or instance type (AWS) of the media nodes (default: the HPB's serverType).", ValueType.STRING, false, null),
SSH_SOURCE_CIDRS("sshSourceCidrs", "CIDRs allowed to reach SSH, e.g. [\"198.51.100.7/32\"] (required; provisioning uses SSH).", ValueType.STRING_LIST, false, null),
METRICS_SOURCE_CIDRS("metricsSourceCidrs", "CIDRs of the Prometheus servers that may scrape the HPB's metrics (HTTPS on port 9443 of its domain, with the token in the prometheusScrapeConfig output), e.g. [\"198.51.100.9/32\"] (default: none; no metrics endpoint).", ValueType.STRING_LIST, false, null),
IPV6("ipv6", "Give the server a public IPv6 address too (default true on hcloud, false on aws; aws needs subnetId).", ValueType.BOOLEAN, false, null),
DNS_ZONE("dnsZone", "DNS zone (Hetzner DNS or Route 53) that holds the domain, e.g. example.com; A/AAAA records are managed when set.", ValueType.STRING, false, null),
PROTECT("protect", "Protect the server and its IPs from deletion (default true; set false on test stacks).", ValueType.BOOLEAN, false, "true"),
SECRETS_GENERATION("secretsGeneration", "Change this number to rotate every generated secret at once (default 1).", ValueType.INTEGER, false, "1"),
ADMIN_SSH_KEYS("adminSshKeys", "Extra OpenSSH public keys allowed to log in (as root, or admin on AWS) (optional).", ValueType.STRING_LIST, false, null),
TLS_MODE("tlsMode", "acme (default), self-signed (test stacks) or provided.", ValueType.STRING, false, "acme"),
ACME_EMAIL("acmeEmail", "Contact e-mail for Let's Encrypt (required with tlsMode acme).", ValueType.STRING, false, null),
ACME_SERVER("acmeServer", "ACME server with tlsMode acme: letsencrypt (default), letsencrypt-staging (test stacks: untrusted certificates, higher limits) or the https URL of another ACME server's directory.", ValueType.STRING, false, "letsencrypt"),
ACME_CA_CERTIFICATE("acmeCaCertificate", "PEM certificate of the CA that signs a private ACME server's HTTPS certificate (only with an acmeServer URL; optional).", ValueType.STRING, false, null),
TLS_CERTIFICATE("tlsCertificate", "PEM certificate chain (secret; required with tlsMode provided).", ValueType.STRING, true, null),
TLS_PRIVATE_KEY("tlsPrivateKey", "PEM private key (secret; required with tlsMode provided).", ValueType.STRING, true, null),
RTP_PORT_RANGE("rtpPortRange", "Janus RTP UDP range as MIN-MAX (default 20000-40000); the firewall opens exactly this.", ValueType.STRING, false, "20000-40000"),
TURN_PORT("turnPort", "coturn port for UDP and TCP (default 3478).", ValueType.INTEGER, false, "3478"),
TURNS_NAME("turnsName", "Name on which coturn is also reached over TLS on port 443, told apart from HTTPS by name: for networks that allow only 443 (default turn.<domain>; off = none). Its DNS record must point at the HPB (managed with dnsZone).", ValueType.STRING, false, null),
CONNECTIONS_PER_ADDRESS("connectionsPerAddress", "Most signaling WebSockets one client address may hold, and open at once (default 1000; 0 = no limit); raise it for a NAT with more users in calls.", ValueType.INTEGER, false, "1000"),
SIGNALING_VERSION("signalingVersion", "Exact Debian version of nextcloud-spreed-signaling to install and hold, e.g. 2.0.2-2+b2 (default: the version installed at first boot, held).", ValueType.STRING, false, null),
SECURITY_REBOOT("securityReboot", "When a security update needs a reboot: never (default; reboot by hand) or a daily time HH:MM (UTC) at which the host may reboot itself.", ValueType.STRING, false, "never"),
HASH_KEY("hashKey", "Explicit signaling session hash key, 32 or 64 characters (secret; default generated).", ValueType.STRING, true, null),
BLOCK_KEY("blockKey", "Explicit signaling session block key, exactly 32 characters (secret; default generated).", ValueType.STRING, true, null),
INTERNAL_SECRET("internalSecret", "Explicit secret for internal signaling clients (secret; default generated).", ValueType.STRING, true, null),
TURN_API_KEY("turnApiKey", "Explicit TURN REST API key (secret; default generated).", ValueType.STRING, true, null),
TURN_SECRET("turnSecret", "Explicit coturn static-auth-secret (secret; default generated).", ValueType.STRING, true, null);

    /** How a value is written in a stack file; Pulumi.yaml declares every key with it. */
    public enum ValueType {
        STRING, INTEGER, BOOLEAN, STRING_LIST,
        /** A list of objects: Pulumi's project config types cannot describe it, so Pulumi.yaml leaves it out. */
        LIST_OF_OBJECTS
    }

    private final String key;
    private final String description;
    private final ValueType type;
    private final boolean secret;
    private final String defaultValue;

    ConfigKey(String key, String description, ValueType type, boolean secret, String defaultValue) {
        this.key = key;
        this.description = description;
        this.type = type;
        this.secret = secret;
        this.defaultValue = defaultValue;
    }

    public ValueType type() {
        return type;
    }

    /** Pulumi must store the value encrypted (pulumi config set --secret). */
    public boolean secret() {
        return secret;
    }

    /** The default whatever the cloud, as Pulumi.yaml declares it; empty when there is none or it depends on the cloud. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
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
