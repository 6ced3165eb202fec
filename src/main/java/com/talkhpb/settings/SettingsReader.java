package com.talkhpb.settings;

import com.talkhpb.facts.SecretKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a stack's configuration. Every problem is collected, so the user sees all of
 * them at once, each naming the key and what to write instead. The rules live by concern: raw values
 * and unknown keys ({@link RawValues}), Nextcloud entries ({@link NextcloudRules}), secrets
 * ({@link SecretRules}), SSH sources and ports ({@link NetworkRules}); the machine, TLS and versions here.
 */
public final class SettingsReader {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** The turnsName value that serves no TURN over TLS. */
    public static final String TURNS_OFF = "off";
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    /** An https URL without anything a shell or certbot could read otherwise. */
    private static final Pattern ACME_DIRECTORY = Pattern.compile("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?");
    /** One or more PEM certificates and nothing else. */
    private static final Pattern PEM_CERTIFICATES = Pattern.compile(
            "(-----BEGIN CERTIFICATE-----\\n[A-Za-z0-9+/=\\n]+-----END CERTIFICATE-----\\n)+");
    /** Not starting with '-', so that it can never be read as an option. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s-][^@\\s]*@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern DEBIAN_VERSION = Pattern.compile("(?:[0-9]+:)?([0-9]+)\\.[0-9A-Za-z.+~-]*");
    private static final Pattern SSH_PUBLIC_KEY = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?");


    private final ConfigSource config;
    private final Problems problems = new Problems();
    private final RawValues values;
    private final SecretRules secrets;
    private final NextcloudRules nextcloud;
    private final NetworkRules network;
    private final ExistingServerRules existing;
    private final MediaNodeRules media;

    private SettingsReader(ConfigSource config) {
        this.config = config;
        this.values = new RawValues(config, problems);
        this.secrets = new SecretRules(values, problems);
        this.nextcloud = new NextcloudRules(values, problems, secrets);
        this.network = new NetworkRules(values, problems);
        this.existing = new ExistingServerRules(values, problems, secrets);
        this.media = new MediaNodeRules(values, problems);
    }

    /** The validated settings, or {@link InvalidSettingsException} listing every problem. */
    public static Settings read(ConfigSource config) {
        return new SettingsReader(config).read();
    }

    private Settings read() {
        values.rejectUnknownKeys();
        String domain = domain();
        List<NextcloudSettings> nextcloudServers = nextcloud.nextcloud(domain);
        SecretInput nextcloudSshKey = nextcloud.nextcloudSshKey(nextcloudServers);
        Cloud cloud = cloud();
        Optional<Placement> placement = Optional.empty();
        Optional<ExistingServer> existingServer = Optional.empty();
        boolean ipv6;
        if (cloud == Cloud.EXISTING) {
            existingServer = Optional.of(existing.existingServer());
            ipv6 = existingServer.get().publicIpv6().isPresent();
        } else {
            if (cloud != null) {
                existing.refuseOnCloud(cloud);
                placement = Optional.ofNullable(placement(cloud));
            }
            ipv6 = values.bool(ConfigKey.IPV6, cloud == null || cloud.defaultIpv6());
        }
        if (cloud == Cloud.AWS && ipv6 && placement.isPresent() && placement.get().subnetId().isEmpty()) {
            problems.add(ConfigKey.IPV6, "is true, but an AWS default VPC has no IPv6 range.",
                    "Set " + ConfigKey.SUBNET_ID.qualified() + " to a subnet with an IPv6 CIDR, or set "
                            + ConfigKey.IPV6.qualified() + " false.");
        }
        MediaNodes mediaNodes = media.mediaNodes(cloud, placement);
        Optional<String> dnsZone = cloud == Cloud.EXISTING ? Optional.empty() : dnsZone(domain);
        Optional<String> turnsName = turnsName(domain, dnsZone);
        boolean protect = values.bool(ConfigKey.PROTECT, true);
        int secretsGeneration = secretsGeneration();
        List<Cidr> sshSources = network.sshSourceCidrs();
        List<Cidr> metricsSources = network.metricsSourceCidrs();
        if (cloud == Cloud.EXISTING && !metricsSources.isEmpty()) {
            // Such a server may run Debian's exporters for its own monitoring already: talk-hpb would take them over.
            problems.add(ConfigKey.METRICS_SOURCE_CIDRS, "is not supported with cloud existing yet: talk-hpb would rebind Debian's"
                    + " exporters, which the server may already run for your own monitoring.",
                    "Remove the key, and scrape the server's own exporters as you do today.");
        }
        List<String> adminKeys = adminSshKeys();
        TlsSettings tls = tls();
        int turnPort = network.turnPort();
        PortRange rtp = network.rtpPortRange(turnPort);
        existingServer.ifPresent(server -> {
            if (server.sshPort() == turnPort || rtp != null && rtp.min() <= server.sshPort() && server.sshPort() <= rtp.max()) {
                problems.add(ConfigKey.SSH_PORT, server.sshPort() + " is TURN's port or in the media range " + rtp + ".",
                        "Move sshd off it, or set " + ConfigKey.TURN_PORT.qualified() + " / " + ConfigKey.RTP_PORT_RANGE.qualified()
                                + " around it.");
            }
        });
        int connectionsPerAddress = network.connectionsPerAddress();
        Optional<String> signalingVersion = signalingVersion();
        Optional<LocalTime> securityReboot = securityReboot();
        Map<SecretKind, SecretInput> explicitSecrets = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : SecretKind.values()) {
            if (kind.givenInStackConfig()) {
                SecretInput input = secrets.secret(kind.configKey(), kind);
                if (input.isGiven()) {
                    explicitSecrets.put(kind, input);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(config.stackName(), problems.all());
        }
        return new Settings(config.stackName(), domain, nextcloudServers, cloud, placement, existingServer, ipv6, dnsZone, protect,
                secretsGeneration, sshSources, metricsSources, adminKeys, tls, rtp,
                turnPort, turnsName, connectionsPerAddress, signalingVersion, securityReboot, explicitSecrets, nextcloudSshKey, mediaNodes,
                problems.warnings());
    }

    private String domain() {
        Optional<String> value = values.raw(ConfigKey.DOMAIN);
        String example = "pulumi config set " + ConfigKey.DOMAIN.qualified() + " hpb.example.com";
        if (value.isEmpty()) {
            problems.add(ConfigKey.DOMAIN, "is not set.", "Set the HPB's DNS name: " + example);
            return null;
        }
        String domain = value.get().toLowerCase(Locale.ROOT);
        if (domain.contains("://") || domain.contains("/")) {
            problems.add(ConfigKey.DOMAIN, "'" + value.get() + "' is a URL, not a host name.", "Write the bare name: " + example);
            return null;
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (IPV4_LITERAL.matcher(domain).matches() || domain.contains(":")) {
            problems.add(ConfigKey.DOMAIN, "'" + value.get() + "' is an IP address; TLS and Talk need a DNS name.",
                    "Point a DNS name at the server and use it: " + example);
            return null;
        }
        if (!fullyQualified(domain)) {
            problems.add(ConfigKey.DOMAIN, "'" + value.get() + "' is not a fully qualified domain name.",
                    "Use letters, digits and hyphens in dot-separated labels: " + example);
            return null;
        }
        return domain;
    }

    private static boolean fullyQualified(String name) {
        String[] labels = name.split("\\.", -1);
        boolean valid = labels.length >= 2 && name.length() <= 253;
        for (String label : labels) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        return valid;
    }

    /** The name TURN over TLS is served on at 443 beside HTTPS (turn.<domain> unless set), or empty when off. */
    private Optional<String> turnsName(String domain, Optional<String> dnsZone) {
        ConfigKey key = ConfigKey.TURNS_NAME;
        Optional<String> value = values.raw(key).map(v -> v.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
        if (value.filter(TURNS_OFF::equals).isPresent() || domain == null) {
            return Optional.empty();
        }
        String name = value.orElse("turn." + domain);
        String fix = "Write a DNS name of its own that points at the HPB, e.g. turn." + domain + ", or "
                + TURNS_OFF + " to serve no TURN over TLS on 443.";
        if (!fullyQualified(name) || IPV4_LITERAL.matcher(name).matches()) {
            problems.add(key, "'" + name + "' is not a fully qualified domain name.", fix);
            return Optional.empty();
        }
        if (name.equals(domain)) {
            problems.add(key, "is the HPB's own name; nginx tells TURN from HTTPS on port 443 by the name a client asks for.", fix);
            return Optional.empty();
        }
        if (dnsZone.isPresent() && !name.endsWith("." + dnsZone.get())) {
            problems.add(key, "'" + name + "' is not in the DNS zone " + dnsZone.get() + ", where talk-hpb manages the HPB's records.",
                    "Use a name in " + dnsZone.get() + ", e.g. turn." + domain + ".");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private Cloud cloud() {
        String value = values.raw(ConfigKey.CLOUD).orElse(Cloud.HCLOUD.configValue());
        for (Cloud cloud : Cloud.values()) {
            if (cloud.configValue().equals(value)) {
                return cloud;
            }
        }
        problems.add(ConfigKey.CLOUD, "'" + value + "' is not a supported cloud.", "Write hcloud (Hetzner Cloud, the default) or aws for a VM talk-hpb creates, or existing for a Debian 12 server you have.");
        return null;
    }

    private Placement placement(Cloud cloud) {
        String where = " on " + cloud.displayName();
        String serverType = values.matching(ConfigKey.SERVER_TYPE, cloud.serverType(), cloud.defaultServerType(),
                cloud.serverTypeExample(), where);
        String location = values.matching(ConfigKey.LOCATION, cloud.location(), cloud.defaultLocation(),
                cloud.locationExample(), where);
        String image = values.matching(ConfigKey.IMAGE, cloud.image(), cloud.defaultImage(), cloud.imageExample(), where);
        Optional<String> subnetId = values.raw(ConfigKey.SUBNET_ID);
        if (subnetId.isPresent() && cloud != Cloud.AWS) {
            problems.add(ConfigKey.SUBNET_ID, "is a setting for cloud aws only.",
                    "Remove it, or set " + ConfigKey.CLOUD.qualified() + " aws.");
        } else if (subnetId.isPresent() && !SUBNET_ID.matcher(subnetId.get()).matches()) {
            problems.add(ConfigKey.SUBNET_ID, "'" + subnetId.get() + "' is not a subnet id.",
                    "Write the id of a subnet in the region, e.g. subnet-0123456789abcdef0, or remove it to use the default VPC.");
        }
        return new Placement(serverType, location, image, subnetId);
    }

    private Optional<String> dnsZone(String domain) {
        Optional<String> value = values.raw(ConfigKey.DNS_ZONE).map(v -> v.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String zone = value.get();
        boolean valid = zone.contains(".");
        for (String label : zone.split("\\.", -1)) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        if (!valid) {
            problems.add(ConfigKey.DNS_ZONE, "'" + value.get() + "' is not a DNS zone name.", "Write the zone, e.g. example.com.");
            return Optional.empty();
        }
        if (domain != null && !domain.equals(zone) && !domain.endsWith("." + zone)) {
            problems.add(ConfigKey.DNS_ZONE, "'" + zone + "' does not contain the domain " + domain + ".",
                    "Write the zone the domain belongs to, or remove the key and manage DNS yourself.");
            return Optional.empty();
        }
        return Optional.of(zone);
    }

    private Optional<LocalTime> securityReboot() {
        String value = values.raw(ConfigKey.SECURITY_REBOOT).orElse("never");
        if (value.equals("never")) {
            return Optional.empty();
        }
        if (value.matches("[0-2][0-9]:[0-5][0-9]")) {
            try {
                return Optional.of(LocalTime.parse(value));
            } catch (java.time.format.DateTimeParseException outOfRange) {
                // reported below
            }
        }
        problems.add(ConfigKey.SECURITY_REBOOT, "'" + value + "' is neither never nor a time of day.",
                "Write never (reboot by hand after kernel updates) or a daily time in UTC such as 04:30.");
        return Optional.empty();
    }

    private int secretsGeneration() {
        String value = values.raw(ConfigKey.SECRETS_GENERATION).orElse("1");
        try {
            int generation = Integer.parseInt(value);
            if (generation >= 1) {
                return generation;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(ConfigKey.SECRETS_GENERATION, "'" + value + "' is not a positive whole number.",
                "Write 1, and raise it by one to rotate every generated secret.");
        return 1;
    }

    private List<String> adminSshKeys() {
        ConfigKey key = ConfigKey.ADMIN_SSH_KEYS;
        String fix = "Write OpenSSH public keys, e.g. [\"ssh-ed25519 AAAA... admin@laptop\"].";
        if (values.raw(key).isEmpty()) {
            return List.of();
        }
        List<String> entries = values.stringList(key, fix);
        if (entries == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String value = entries.get(i).strip();
            if (!SSH_PUBLIC_KEY.matcher(value).matches()) {
                problems.add(key.key() + "[" + i + "]", "is not an OpenSSH public key on one line.", fix);
            } else {
                result.add(value);
            }
        }
        return result;
    }

    private TlsSettings tls() {
        String value = values.raw(ConfigKey.TLS_MODE).orElse(TlsMode.ACME.configValue());
        TlsMode mode = null;
        for (TlsMode candidate : TlsMode.values()) {
            if (candidate.configValue().equals(value)) {
                mode = candidate;
            }
        }
        if (mode == null) {
            problems.add(ConfigKey.TLS_MODE, "'" + value + "' is not a TLS mode.", "Write acme, self-signed or provided.");
        }
        Optional<String> email = values.raw(ConfigKey.ACME_EMAIL);
        if (mode == TlsMode.ACME && email.isEmpty()) {
            problems.add(ConfigKey.ACME_EMAIL, "is required with tlsMode acme (Let's Encrypt sends expiry notices there).",
                    "pulumi config set " + ConfigKey.ACME_EMAIL.qualified() + " admin@example.com");
        } else if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            problems.add(ConfigKey.ACME_EMAIL, "'" + email.get() + "' is not an e-mail address.", "Write e.g. admin@example.com.");
        }
        SecretInput certificate = secrets.pem(ConfigKey.TLS_CERTIFICATE, mode, "-----BEGIN CERTIFICATE-----");
        SecretInput privateKey = secrets.pem(ConfigKey.TLS_PRIVATE_KEY, mode, "PRIVATE KEY-----");
        return new TlsSettings(mode, email, certificate, privateKey, acmeDirectory(mode), acmeCaCertificate(mode));
    }

    /** The ACME directory URL: Let's Encrypt's (production or staging) or one given; checked where it means something. */
    private String acmeDirectory(TlsMode mode) {
        ConfigKey key = ConfigKey.ACME_SERVER;
        // Pulumi fills the project's default into every stack: the default counts as unset.
        String value = values.raw(key).orElse("letsencrypt");
        if (!value.equals("letsencrypt") && mode != null && mode != TlsMode.ACME) {
            problems.add(key, "is only read with tlsMode acme, and this stack's tlsMode is " + mode.configValue() + ".", "Remove it.");
        }
        return switch (value) {
            case "letsencrypt" -> TlsSettings.LETS_ENCRYPT;
            case "letsencrypt-staging" -> TlsSettings.LETS_ENCRYPT_STAGING;
            default -> {
                if (!ACME_DIRECTORY.matcher(value).matches()) {
                    problems.add(key, "'" + value + "' is not an ACME server.", "Write letsencrypt, letsencrypt-staging or the https URL of"
                            + " an ACME directory, e.g. https://acme.example.com/directory.");
                }
                yield value;
            }
        };
    }

    private Optional<String> acmeCaCertificate(TlsMode mode) {
        ConfigKey key = ConfigKey.ACME_CA_CERTIFICATE;
        Optional<String> value = values.get(key.key()).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String server = values.raw(ConfigKey.ACME_SERVER).orElse("letsencrypt");
        if (mode != TlsMode.ACME || server.startsWith("letsencrypt")) {
            problems.add(key, "is only for a private ACME server given as an acmeServer URL with tlsMode acme"
                    + " (Let's Encrypt's certificates are trusted already).", "Remove it, or set " + ConfigKey.ACME_SERVER.qualified() + ".");
            return Optional.empty();
        }
        String pem = value.get().replace("\r\n", "\n").strip() + "\n";
        if (!PEM_CERTIFICATES.matcher(pem).matches()) {
            problems.add(key, "is not a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).",
                    "Give the CA certificate's PEM file: pulumi config set " + key.qualified() + " -- \"$(cat ca.pem)\".");
            return Optional.empty();
        }
        return Optional.of(pem);
    }

    private Optional<String> signalingVersion() {
        ConfigKey key = ConfigKey.SIGNALING_VERSION;
        Optional<String> value = values.raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DEBIAN_VERSION.matcher(value.get());
        String fix = "Write a Debian version of 2.0 or newer, e.g. 2.0.2-2+b2 (apt-cache madison nextcloud-spreed-signaling lists what sid offers), or remove the key to keep the installed one.";
        if (!m.matches()) {
            problems.add(key, "'" + value.get() + "' is not a Debian package version.", fix);
            return Optional.empty();
        }
        if (Integer.parseInt(m.group(1)) < com.talkhpb.facts.TalkRequirements.MINIMUM_SIGNALING_MAJOR) {
            problems.add(key, "'" + value.get() + "' is older than 2.0; current Talk refuses it (no 'federation' feature).", fix);
            return Optional.empty();
        }
        return value;
    }

}
