package com.talkhpb.settings;

import com.talkhpb.facts.WellKnownPorts;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of an existing server (cloud existing), and the other side: each key is refused where
 * it means nothing, so a stack that switches clouds does not keep settings that would be ignored.
 */
final class ExistingServerRules {
    /** What Debian's adduser accepts for a login name, by default. */
    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final List<ConfigKey> EXISTING_ONLY = List.of(ConfigKey.HOST_IPV4, ConfigKey.HOST_IPV6,
            ConfigKey.HOST_INTERFACE_IPV4, ConfigKey.SSH_USER, ConfigKey.SSH_PORT, ConfigKey.SSH_PRIVATE_KEY, ConfigKey.SSH_HOST_KEY,
            ConfigKey.PURGE_PACKAGES_ON_DESTROY);
    private static final List<ConfigKey> CLOUD_ONLY = List.of(ConfigKey.SERVER_TYPE, ConfigKey.LOCATION, ConfigKey.IMAGE,
            ConfigKey.SUBNET_ID);

    private final RawValues values;
    private final Problems problems;
    private final SecretRules secrets;

    ExistingServerRules(RawValues values, Problems problems, SecretRules secrets) {
        this.values = values;
        this.problems = problems;
        this.secrets = secrets;
    }

    /** Refuses the existing server's keys on a cloud. */
    void refuseOnCloud(Cloud cloud) {
        for (ConfigKey key : EXISTING_ONLY) {
            if (values.raw(key).isPresent()) {
                problems.add(key, "is a setting for cloud existing only; talk-hpb creates the server on " + cloud.displayName() + ".",
                        "Remove it, or set " + ConfigKey.CLOUD.qualified() + " existing to deploy onto a server you have.");
            }
        }
    }

    /** The existing server's settings, refusing the keys that describe a VM talk-hpb would create. */
    ExistingServer existingServer() {
        for (ConfigKey key : CLOUD_ONLY) {
            // Pulumi gives every stack the project's defaults (Pulumi.yaml): a default means "not set".
            if (values.raw(key).filter(v -> !key.defaultValue().equals(Optional.of(v))).isPresent()) {
                problems.add(key, "describes a VM talk-hpb creates; with cloud existing the server is yours.",
                        "Remove it.");
            }
        }
        if (values.raw(ConfigKey.IPV6).isPresent()) {
            problems.add(ConfigKey.IPV6, "is not read with cloud existing: the HPB serves IPv6 when the server has an address for it.",
                    "Remove it, and set " + ConfigKey.HOST_IPV6.qualified() + " to the server's public IPv6 address to serve IPv6.");
        }
        if (values.raw(ConfigKey.DNS_ZONE).isPresent()) {
            problems.add(ConfigKey.DNS_ZONE, "is managed through the cloud's DNS (Hetzner DNS or Route 53), and cloud existing has none.",
                    "Remove it, and point the domain's (and the TURN name's) A/AAAA records at the server yourself.");
        }
        String ipv4 = address(ConfigKey.HOST_IPV4, false, true);
        Optional<String> ipv6 = Optional.ofNullable(address(ConfigKey.HOST_IPV6, true, false));
        String interfaceIpv4 = values.raw(ConfigKey.HOST_INTERFACE_IPV4).isPresent()
                ? address(ConfigKey.HOST_INTERFACE_IPV4, false, false) : ipv4;
        String user = values.raw(ConfigKey.SSH_USER).orElse("root");
        if (!USER_NAME.matcher(user).matches()) {
            problems.add(ConfigKey.SSH_USER, "'" + user + "' is not a login name.",
                    "Write root, or a user with passwordless sudo such as debian (lower-case letters, digits, _ and -).");
        }
        int port = sshPort();
        SecretInput key = sshPrivateKey();
        Optional<String> hostKey = SshHostKeys.read(ConfigKey.SSH_HOST_KEY.key(), values.raw(ConfigKey.SSH_HOST_KEY),
                ipv4 == null ? "<hostIpv4>" : ipv4, port, problems, "pulumi config set " + ConfigKey.SSH_HOST_KEY.qualified() + " '%s'");
        boolean purge = values.bool(ConfigKey.PURGE_PACKAGES_ON_DESTROY, false);
        return new ExistingServer(ipv4, ipv6, interfaceIpv4, user, port, key, hostKey.orElse(""), purge);
    }

    /** Any port but those the HPB's own daemons take (TURN's and the media range are checked with them). */
    private int sshPort() {
        ConfigKey key = ConfigKey.SSH_PORT;
        String value = values.raw(key).orElse(Integer.toString(WellKnownPorts.SSH));
        String fix = "Write the port the server's sshd listens on (Port in /etc/ssh/sshd_config), e.g. 22.";
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(key, "'" + value + "' is not a port number.", fix);
            return WellKnownPorts.SSH;
        }
        if (port < 1 || port > 65535) {
            problems.add(key, port + " is outside 1-65535.", fix);
        } else if (WellKnownPorts.HPB_OWN.contains(port) || port >= WellKnownPorts.TURN_RELAY_MIN) {
            problems.add(key, port + " is a port the HPB's own daemons take (or coturn's relay range "
                    + WellKnownPorts.TURN_RELAY_MIN + "-" + WellKnownPorts.TURN_RELAY_MAX + ").", fix + " sshd must move off it first.");
        }
        return port;
    }

    private String address(ConfigKey key, boolean ipv6, boolean required) {
        Optional<String> value = values.raw(key);
        String family = ipv6 ? "IPv6" : "IPv4";
        String fix = "Write the server's " + family + " address, e.g. pulumi config set " + key.qualified()
                + (ipv6 ? " 2001:db8::10" : " 203.0.113.10") + ".";
        if (value.isEmpty()) {
            if (required) {
                problems.add(key, "is required with cloud existing.", fix);
            }
            return null;
        }
        Optional<String> problem = Cidr.problemWith(value.get() + (ipv6 ? "/128" : "/32"));
        if (problem.isPresent()) {
            problems.add(key, "'" + value.get() + "' is not an " + family + " address.", fix);
            return null;
        }
        Cidr host = Cidr.parse(value.get() + (ipv6 ? "/128" : "/32"));
        if (host.ipv6() != ipv6) {
            problems.add(key, "'" + value.get() + "' is not an " + family + " address.", fix);
            return null;
        }
        String address = host.text().substring(0, host.text().indexOf('/'));
        Optional<String> unusable = unusable(address);
        if (unusable.isPresent()) {
            problems.add(key, "'" + address + "' is " + unusable.get() + ": no server can be reached there (every step would log in"
                    + " to the machine running pulumi, as root through sudo).", fix);
            return null;
        }
        if (key == ConfigKey.HOST_IPV4) {
            notPublicWarning(address);
        }
        return address;
    }

    /** Why an address cannot be a server's: loopback, unspecified, link-local (cloud metadata) or multicast. */
    private static Optional<String> unusable(String address) {
        try {
            java.net.InetAddress parsed = java.net.InetAddress.getByName(address); // a literal: no DNS lookup
            if (parsed.isLoopbackAddress()) {
                return Optional.of("a loopback address");
            }
            if (parsed.isAnyLocalAddress()) {
                return Optional.of("the unspecified address");
            }
            if (parsed.isLinkLocalAddress()) {
                return Optional.of("a link-local address (cloud metadata lives there)");
            }
            if (parsed.isMulticastAddress()) {
                return Optional.of("a multicast address");
            }
            return Optional.empty();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a checked literal did not parse: " + address, e);
        }
    }

    /** A private address serves only participants on the same network: allowed (a LAN), but said. */
    private void notPublicWarning(String address) {
        try {
            java.net.InetAddress parsed = java.net.InetAddress.getByName(address); // a literal: no DNS lookup
            byte[] b = parsed.getAddress();
            boolean sharedNat = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            if (parsed.isSiteLocalAddress() || sharedNat) {
                problems.warn(ConfigKey.HOST_IPV4.key(), "'" + address + "' is not a public address: only participants on its network can reach the HPB's media.",
                        "Write the public address clients reach, and this one in " + ConfigKey.HOST_INTERFACE_IPV4.qualified()
                                + " when the provider maps the public one to it.");
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a checked literal did not parse: " + address, e);
        }
    }

    private SecretInput sshPrivateKey() {
        ConfigKey key = ConfigKey.SSH_PRIVATE_KEY;
        String fix = "Store the key file that logs in as the sshUser: pulumi config set --secret " + key.qualified()
                + " < ~/.ssh/id_ed25519";
        Optional<String> value = values.get(key.key()).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            problems.add(key, "is required with cloud existing: talk-hpb configures the server over SSH.", fix);
            return SecretInput.GENERATE;
        }
        return secrets.privateKey(key, value.get(), fix);
    }
}
