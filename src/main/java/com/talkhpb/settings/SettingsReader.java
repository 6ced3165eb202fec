package com.talkhpb.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.facts.SecretKind;
import com.talkhpb.facts.WellKnownPorts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
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
 * them at once, each naming the key and what to write instead.
 */
public final class SettingsReader {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern PORT_RANGE = Pattern.compile("\\s*([0-9]{1,5})\\s*-\\s*([0-9]{1,5})\\s*");
    private static final Pattern DEBIAN_VERSION = Pattern.compile("(?:[0-9]+:)?([0-9]+)\\.[0-9A-Za-z.+~-]*");
    private static final Pattern SSH_PUBLIC_KEY = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?");
    /** Characters safe unquoted in INI, coturn and nginx syntax and quoted in libconfig. */
    private static final Pattern SECRET_CHARACTERS = Pattern.compile("[A-Za-z0-9._~+/=:@%,^*!?-]+");
    static final String SECRET_CHARACTERS_TEXT = "letters, digits and . _ ~ + / = : @ % , ^ * ! ? -";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NEXTCLOUD_FIELDS = List.of("url", "secret", "ssh", "occ");
    private static final Pattern SSH_TARGET = Pattern.compile("([a-z_][a-z0-9_.-]*)@([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\])(?::([0-9]{1,5}))?");

    private final ConfigSource config;
    private final List<Problem> problems = new ArrayList<>();

    private SettingsReader(ConfigSource config) {
        this.config = config;
    }

    /** The validated settings, or {@link InvalidSettingsException} listing every problem. */
    public static Settings read(ConfigSource config) {
        return new SettingsReader(config).read();
    }

    private Settings read() {
        rejectUnknownKeys();
        String domain = domain();
        List<NextcloudSettings> nextcloud = nextcloud(domain);
        SecretInput nextcloudSshKey = nextcloudSshKey(nextcloud);
        Cloud cloud = cloud();
        Placement placement = cloud == null ? null : placement(cloud);
        boolean ipv6 = bool(ConfigKey.IPV6, cloud == null || cloud.defaultIpv6());
        if (cloud == Cloud.AWS && ipv6 && placement != null && placement.subnetId().isEmpty()) {
            problem(ConfigKey.IPV6, "is true, but an AWS default VPC has no IPv6 range.",
                    "Set " + ConfigKey.SUBNET_ID.qualified() + " to a subnet with an IPv6 CIDR, or set "
                            + ConfigKey.IPV6.qualified() + " false.");
        }
        Optional<String> dnsZone = dnsZone(domain);
        boolean protect = bool(ConfigKey.PROTECT, true);
        int secretsGeneration = secretsGeneration();
        List<Cidr> sshSources = sshSourceCidrs();
        List<String> adminKeys = adminSshKeys();
        TlsSettings tls = tls();
        int turnPort = turnPort();
        PortRange rtp = rtpPortRange(turnPort);
        Optional<String> signalingVersion = signalingVersion();
        Optional<LocalTime> securityReboot = securityReboot();
        Map<SecretKind, SecretInput> secrets = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : SecretKind.values()) {
            if (kind != SecretKind.BACKEND_SECRET && kind.generated()) {
                SecretInput input = secret(kind.configKey(), kind);
                if (input.isGiven()) {
                    secrets.put(kind, input);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(config.stackName(), problems);
        }
        return new Settings(config.stackName(), domain, nextcloud, cloud, placement, ipv6, dnsZone, protect,
                secretsGeneration, sshSources, adminKeys, tls, rtp,
                turnPort, signalingVersion, securityReboot, secrets, nextcloudSshKey);
    }

    private void problem(ConfigKey key, String what, String fix) {
        problems.add(new Problem(key.key(), what, fix));
    }

    private void problem(String key, String what, String fix) {
        problems.add(new Problem(key, what, fix));
    }

    private Optional<String> raw(ConfigKey key) {
        return config.get(key.key()).map(String::strip).filter(v -> !v.isEmpty());
    }

    private void rejectUnknownKeys() {
        for (String key : config.keys().stream().sorted().toList()) {
            if (ConfigKey.byKey(key).isEmpty()) {
                String suggestion = closestKey(key)
                        .map(k -> "Did you mean " + k.qualified() + "?")
                        .orElse("Remove it; README lists every key.");
                problem(key, "is not a setting of talk-hpb.", suggestion);
            }
        }
    }

    private static Optional<ConfigKey> closestKey(String key) {
        ConfigKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey candidate : ConfigKey.values()) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), candidate.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= 3 ? Optional.of(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private String domain() {
        Optional<String> value = raw(ConfigKey.DOMAIN);
        String example = "pulumi config set " + ConfigKey.DOMAIN.qualified() + " hpb.example.com";
        if (value.isEmpty()) {
            problem(ConfigKey.DOMAIN, "is not set.", "Set the HPB's DNS name: " + example);
            return null;
        }
        String domain = value.get().toLowerCase(Locale.ROOT);
        if (domain.contains("://") || domain.contains("/")) {
            problem(ConfigKey.DOMAIN, "'" + value.get() + "' is a URL, not a host name.", "Write the bare name: " + example);
            return null;
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (IPV4_LITERAL.matcher(domain).matches() || domain.contains(":")) {
            problem(ConfigKey.DOMAIN, "'" + value.get() + "' is an IP address; TLS and Talk need a DNS name.",
                    "Point a DNS name at the server and use it: " + example);
            return null;
        }
        String[] labels = domain.split("\\.", -1);
        boolean valid = labels.length >= 2 && domain.length() <= 253;
        for (String label : labels) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        if (!valid) {
            problem(ConfigKey.DOMAIN, "'" + value.get() + "' is not a fully qualified domain name.",
                    "Use letters, digits and hyphens in dot-separated labels: " + example);
            return null;
        }
        return domain;
    }

    private List<NextcloudSettings> nextcloud(String domain) {
        ConfigKey key = ConfigKey.NEXTCLOUD;
        String example = "write in Pulumi.<stack>.yaml:  " + key.qualified() + ": [{url: https://cloud.example.com}]";
        Optional<JsonNode> node = json(key, "a list of {url, secret} objects; " + example);
        if (node.isEmpty()) {
            if (raw(key).isEmpty()) {
                problem(key, "is not set: the HPB needs at least one Nextcloud server.", "Add one; " + example);
            }
            return List.of();
        }
        if (!node.get().isArray() || node.get().isEmpty()) {
            problem(key, "must be a non-empty list of {url, secret} objects.", example);
            return List.of();
        }
        List<NextcloudSettings> result = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (int i = 0; i < node.get().size(); i++) {
            JsonNode entry = node.get().get(i);
            String entryKey = key.key() + "[" + i + "]";
            if (!entry.isObject()) {
                problem(entryKey, "must be an object with url and optional secret.", "Write {url: https://cloud.example.com}.");
                continue;
            }
            entry.fieldNames().forEachRemaining(field -> {
                if (!NEXTCLOUD_FIELDS.contains(field)) {
                    problem(entryKey + "." + field, "is not a Nextcloud setting.", "Use only " + String.join(", ", NEXTCLOUD_FIELDS) + ".");
                }
            });
            URI url = nextcloudUrl(entryKey + ".url", entry.path("url"), domain);
            JsonNode secretNode = entry.path("secret");
            SecretInput secret = secretNode.isMissingNode() || secretNode.isNull()
                    ? SecretInput.GENERATE
                    : secretValue(entryKey + ".secret", secretNode.asText(), SecretKind.BACKEND_SECRET);
            if (url != null) {
                if (!seen.add(url)) {
                    problem(entryKey + ".url", "'" + url + "' is listed twice.", "List each Nextcloud server once.");
                } else {
                    result.add(new NextcloudSettings(url, secret, nextcloudAccess(entryKey, entry)));
                }
            }
        }
        return result;
    }

    private Optional<NextcloudAccess> nextcloudAccess(String entryKey, JsonNode entry) {
        JsonNode ssh = entry.path("ssh");
        JsonNode occ = entry.path("occ");
        if (ssh.isMissingNode() || ssh.isNull()) {
            if (!occ.isMissingNode()) {
                problem(entryKey + ".occ", "is set without ssh: talk-hpb runs occ only over SSH.",
                        "Add ssh: admin@cloud.example.com, or remove occ.");
            }
            return Optional.empty();
        }
        Matcher target = SSH_TARGET.matcher(ssh.asText());
        if (!ssh.isTextual() || !target.matches()) {
            problem(entryKey + ".ssh", "'" + ssh.asText() + "' is not user@host or user@host:port.",
                    "Write how to log in to the Nextcloud server, e.g. ssh: root@cloud.example.com or deploy@203.0.113.5:2222.");
            return Optional.empty();
        }
        int port = target.group(3) == null ? 22 : Integer.parseInt(target.group(3));
        if (port < 1 || port > 65535) {
            problem(entryKey + ".ssh", "port " + port + " is outside 1-65535.", "Write user@host:port with a valid port.");
        }
        String occCommand = occ.isMissingNode() || occ.isNull() ? NextcloudAccess.DEFAULT_OCC : occ.asText().strip();
        if (occCommand.isEmpty() || occCommand.contains("\n") || occCommand.contains("'")) {
            problem(entryKey + ".occ", "must be one line that runs occ, without single quotes.",
                    "Write e.g. '" + NextcloudAccess.DEFAULT_OCC + "', 'php /var/www/html/occ' or 'docker exec -u www-data nextcloud php occ'.");
        }
        return Optional.of(new NextcloudAccess(target.group(1), target.group(2), port, occCommand));
    }

    private SecretInput nextcloudSshKey(List<NextcloudSettings> nextcloud) {
        boolean wired = nextcloud.stream().anyMatch(n -> n.access().isPresent());
        Optional<String> value = config.get(ConfigKey.NEXTCLOUD_SSH_KEY.key()).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            if (wired) {
                problem(ConfigKey.NEXTCLOUD_SSH_KEY, "is not set, but a Nextcloud entry has ssh.",
                        "Store the private key that logs in there: pulumi config set --secret " + ConfigKey.NEXTCLOUD_SSH_KEY.qualified()
                                + " < ~/.ssh/id_ed25519");
            }
            return SecretInput.GENERATE;
        }
        if (!wired) {
            problem(ConfigKey.NEXTCLOUD_SSH_KEY, "is set, but no Nextcloud entry has ssh.",
                    "Add ssh: user@host to the Nextcloud entry to configure, or remove the key.");
        }
        if (value.get().equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        if (!value.get().contains("PRIVATE KEY-----")) {
            problem(ConfigKey.NEXTCLOUD_SSH_KEY, "does not look like a private key (no PRIVATE KEY block).",
                    "Store the whole key file: pulumi config set --secret " + ConfigKey.NEXTCLOUD_SSH_KEY.qualified() + " < ~/.ssh/id_ed25519");
        }
        return SecretInput.given(value.get());
    }

    private URI nextcloudUrl(String key, JsonNode node, String domain) {
        String fix = "Write the Nextcloud base URL, e.g. https://cloud.example.com (with its path if Nextcloud is not at the root).";
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(key, "is missing.", fix);
            return null;
        }
        String text = node.asText().strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problem(key, "'" + text + "' is not a URL (" + e.getReason() + ").", fix);
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problem(key, "'" + text + "' is not an http(s) URL with a host.", fix);
            return null;
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            problem(key, "'" + text + "' uses plain http; the HPB sends room and user data to it.",
                    "Use https:// (plain http is accepted only for a loopback test backend).");
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(key, "'" + text + "' has user info, a query or a fragment.", fix);
            return null;
        }
        if (host.equalsIgnoreCase(domain)) {
            problem(key, "'" + text + "' is on the HPB's own domain; the HPB's nginx owns that name.",
                    "Give the HPB its own name (e.g. hpb." + domain + ") or fix the Nextcloud URL.");
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(scheme, null, host.toLowerCase(Locale.ROOT), uri.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            problem(key, "'" + text + "' cannot be normalised (" + e.getReason() + ").", fix);
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private Cloud cloud() {
        String value = raw(ConfigKey.CLOUD).orElse(Cloud.HCLOUD.configValue());
        for (Cloud cloud : Cloud.values()) {
            if (cloud.configValue().equals(value)) {
                return cloud;
            }
        }
        problem(ConfigKey.CLOUD, "'" + value + "' is not a supported cloud.", "Write hcloud (Hetzner Cloud, the default) or aws.");
        return null;
    }

    private Placement placement(Cloud cloud) {
        String where = " on " + cloud.displayName();
        String serverType = matching(ConfigKey.SERVER_TYPE, cloud.serverType(), cloud.defaultServerType(),
                cloud.serverTypeExample(), where);
        String location = matching(ConfigKey.LOCATION, cloud.location(), cloud.defaultLocation(),
                cloud.locationExample(), where);
        String image = matching(ConfigKey.IMAGE, cloud.image(), cloud.defaultImage(), cloud.imageExample(), where);
        Optional<String> subnetId = raw(ConfigKey.SUBNET_ID);
        if (subnetId.isPresent() && cloud != Cloud.AWS) {
            problem(ConfigKey.SUBNET_ID, "is a setting for cloud aws only.",
                    "Remove it, or set " + ConfigKey.CLOUD.qualified() + " aws.");
        } else if (subnetId.isPresent() && !SUBNET_ID.matcher(subnetId.get()).matches()) {
            problem(ConfigKey.SUBNET_ID, "'" + subnetId.get() + "' is not a subnet id.",
                    "Write the id of a subnet in the region, e.g. subnet-0123456789abcdef0, or remove it to use the default VPC.");
        }
        return new Placement(serverType, location, image, subnetId);
    }

    private String matching(ConfigKey key, Pattern pattern, String defaultValue, String expected, String where) {
        String value = raw(key).orElse(defaultValue);
        if (!pattern.matcher(value).matches()) {
            problem(key, "'" + value + "' is not valid" + where + ".", "Write " + expected + " (default " + defaultValue + ").");
            return null;
        }
        return value;
    }

    private boolean bool(ConfigKey key, boolean defaultValue) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "'" + value.get() + "' is not a boolean.", "Write true or false (default " + defaultValue + ").");
                yield defaultValue;
            }
        };
    }

    private Optional<String> dnsZone(String domain) {
        Optional<String> value = raw(ConfigKey.DNS_ZONE).map(v -> v.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String zone = value.get();
        boolean valid = zone.contains(".");
        for (String label : zone.split("\\.", -1)) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        if (!valid) {
            problem(ConfigKey.DNS_ZONE, "'" + value.get() + "' is not a DNS zone name.", "Write the zone, e.g. example.com.");
            return Optional.empty();
        }
        if (domain != null && !domain.equals(zone) && !domain.endsWith("." + zone)) {
            problem(ConfigKey.DNS_ZONE, "'" + zone + "' does not contain the domain " + domain + ".",
                    "Write the zone the domain belongs to, or remove the key and manage DNS yourself.");
            return Optional.empty();
        }
        return Optional.of(zone);
    }

    private Optional<LocalTime> securityReboot() {
        String value = raw(ConfigKey.SECURITY_REBOOT).orElse("never");
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
        problem(ConfigKey.SECURITY_REBOOT, "'" + value + "' is neither never nor a time of day.",
                "Write never (reboot by hand after kernel updates) or a daily time in UTC such as 04:30.");
        return Optional.empty();
    }

    private int secretsGeneration() {
        String value = raw(ConfigKey.SECRETS_GENERATION).orElse("1");
        try {
            int generation = Integer.parseInt(value);
            if (generation >= 1) {
                return generation;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problem(ConfigKey.SECRETS_GENERATION, "'" + value + "' is not a positive whole number.",
                "Write 1, and raise it by one to rotate every generated secret.");
        return 1;
    }

    private List<Cidr> sshSourceCidrs() {
        ConfigKey key = ConfigKey.SSH_SOURCE_CIDRS;
        String fix = "List the addresses you run pulumi from, e.g. " + key.qualified() + ": [\"198.51.100.7/32\"].";
        List<String> values = stringList(key, fix);
        if (values == null) {
            return List.of();
        }
        if (values.isEmpty()) {
            problem(key, "is empty: provisioning runs over SSH, so pulumi's own address must be allowed.", fix);
            return List.of();
        }
        List<Cidr> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).strip();
            Optional<String> why = Cidr.problemWith(value);
            if (why.isPresent()) {
                problem(key.key() + "[" + i + "]", "'" + value + "' " + why.get() + ".",
                        "Write a network in CIDR form, e.g. 198.51.100.7/32 or 2001:db8::/64.");
            } else {
                result.add(Cidr.parse(value));
            }
        }
        return result;
    }

    private List<String> adminSshKeys() {
        ConfigKey key = ConfigKey.ADMIN_SSH_KEYS;
        String fix = "Write OpenSSH public keys, e.g. [\"ssh-ed25519 AAAA... admin@laptop\"].";
        if (raw(key).isEmpty()) {
            return List.of();
        }
        List<String> values = stringList(key, fix);
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).strip();
            if (!SSH_PUBLIC_KEY.matcher(value).matches()) {
                problem(key.key() + "[" + i + "]", "is not an OpenSSH public key on one line.", fix);
            } else {
                result.add(value);
            }
        }
        return result;
    }

    private TlsSettings tls() {
        String value = raw(ConfigKey.TLS_MODE).orElse(TlsMode.ACME.configValue());
        TlsMode mode = null;
        for (TlsMode candidate : TlsMode.values()) {
            if (candidate.configValue().equals(value)) {
                mode = candidate;
            }
        }
        if (mode == null) {
            problem(ConfigKey.TLS_MODE, "'" + value + "' is not a TLS mode.", "Write acme, self-signed or provided.");
        }
        Optional<String> email = raw(ConfigKey.ACME_EMAIL);
        if (mode == TlsMode.ACME && email.isEmpty()) {
            problem(ConfigKey.ACME_EMAIL, "is required with tlsMode acme (Let's Encrypt sends expiry notices there).",
                    "pulumi config set " + ConfigKey.ACME_EMAIL.qualified() + " admin@example.com");
        } else if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            problem(ConfigKey.ACME_EMAIL, "'" + email.get() + "' is not an e-mail address.", "Write e.g. admin@example.com.");
        }
        SecretInput certificate = pem(ConfigKey.TLS_CERTIFICATE, mode, "-----BEGIN CERTIFICATE-----");
        SecretInput privateKey = pem(ConfigKey.TLS_PRIVATE_KEY, mode, "PRIVATE KEY-----");
        return new TlsSettings(mode, email, certificate, privateKey);
    }

    private SecretInput pem(ConfigKey key, TlsMode mode, String marker) {
        Optional<String> value = config.get(key.key()).filter(v -> !v.isBlank());
        String fix = "cat file.pem | pulumi config set --secret " + key.qualified();
        if (value.isEmpty()) {
            if (mode == TlsMode.PROVIDED) {
                problem(key, "is required with tlsMode provided.", fix);
            }
            return SecretInput.GENERATE;
        }
        if (mode != TlsMode.PROVIDED) {
            problem(key, "is set but tlsMode is not provided.", "Remove it, or set " + ConfigKey.TLS_MODE.qualified() + " provided.");
        }
        if (value.get().equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        if (!value.get().contains(marker)) {
            problem(key, "does not look like PEM (no '" + marker + "').", fix);
        }
        return SecretInput.given(value.get());
    }

    private int turnPort() {
        ConfigKey key = ConfigKey.TURN_PORT;
        String value = raw(key).orElse(Integer.toString(WellKnownPorts.TURN_DEFAULT));
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problem(key, "'" + value + "' is not a port number.", "Write a number, e.g. 3478.");
            return WellKnownPorts.TURN_DEFAULT;
        }
        Set<Integer> taken = Set.of(WellKnownPorts.SSH, WellKnownPorts.HTTP, WellKnownPorts.HTTPS,
                WellKnownPorts.SIGNALING, WellKnownPorts.JANUS_WEBSOCKET, WellKnownPorts.NATS);
        if (port < 1024 || port > 65535) {
            problem(key, port + " is outside 1024-65535 (coturn runs unprivileged).", "Write 3478, TURN's standard port.");
        } else if (taken.contains(port)) {
            problem(key, port + " is already used by another HPB service.", "Write 3478, TURN's standard port.");
        } else if (port >= WellKnownPorts.TURN_RELAY_MIN) {
            problem(key, port + " lies in coturn's relay range " + WellKnownPorts.TURN_RELAY_MIN + "-"
                    + WellKnownPorts.TURN_RELAY_MAX + ".", "Write 3478, TURN's standard port.");
        }
        return port;
    }

    private PortRange rtpPortRange(int turnPort) {
        ConfigKey key = ConfigKey.RTP_PORT_RANGE;
        String value = raw(key).orElse(WellKnownPorts.RTP_DEFAULT_MIN + "-" + WellKnownPorts.RTP_DEFAULT_MAX);
        String fix = "Write MIN-MAX within 1024-" + (WellKnownPorts.TURN_RELAY_MIN - 1) + ", e.g. "
                + WellKnownPorts.RTP_DEFAULT_MIN + "-" + WellKnownPorts.RTP_DEFAULT_MAX + ".";
        Matcher m = PORT_RANGE.matcher(value);
        if (!m.matches()) {
            problem(key, "'" + value + "' is not a range MIN-MAX.", fix);
            return null;
        }
        int min = Integer.parseInt(m.group(1));
        int max = Integer.parseInt(m.group(2));
        if (min < 1024 || max >= WellKnownPorts.TURN_RELAY_MIN || min >= max) {
            problem(key, "'" + value + "' must rise and stay within 1024-" + (WellKnownPorts.TURN_RELAY_MIN - 1)
                    + " (above is coturn's relay range).", fix);
            return null;
        }
        PortRange range = new PortRange(min, max);
        if (range.size() < WellKnownPorts.RTP_MINIMUM_PORTS) {
            problem(key, "'" + value + "' has only " + range.size() + " ports; Janus needs one per media stream.",
                    "Give at least " + WellKnownPorts.RTP_MINIMUM_PORTS + " ports; " + fix);
            return null;
        }
        for (int port : List.of(WellKnownPorts.SIGNALING, WellKnownPorts.JANUS_WEBSOCKET, WellKnownPorts.NATS, turnPort)) {
            if (range.contains(port)) {
                problem(key, "'" + value + "' contains port " + port + ", which another HPB service uses.", fix);
                return null;
            }
        }
        return range;
    }

    private Optional<String> signalingVersion() {
        ConfigKey key = ConfigKey.SIGNALING_VERSION;
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DEBIAN_VERSION.matcher(value.get());
        String fix = "Write a Debian version of 2.0 or newer, e.g. 2.0.2-2+b2 (apt-cache madison nextcloud-spreed-signaling lists what sid offers), or remove the key to keep the installed one.";
        if (!m.matches()) {
            problem(key, "'" + value.get() + "' is not a Debian package version.", fix);
            return Optional.empty();
        }
        if (Integer.parseInt(m.group(1)) < com.talkhpb.facts.TalkRequirements.MINIMUM_SIGNALING_MAJOR) {
            problem(key, "'" + value.get() + "' is older than 2.0; current Talk refuses it (no 'federation' feature).", fix);
            return Optional.empty();
        }
        return value;
    }

    private SecretInput secret(String key, SecretKind kind) {
        Optional<String> value = config.get(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            return SecretInput.GENERATE;
        }
        return secretValue(key, value.get(), kind);
    }

    private SecretInput secretValue(String key, String value, SecretKind kind) {
        if (value.equals(ConfigSource.ENCRYPTED)) {
            return SecretInput.ENCRYPTED;
        }
        String fix = "Use " + kind.lengthRule() + " of " + SECRET_CHARACTERS_TEXT
                + ", or remove the key to have one generated.";
        if (!kind.acceptsLength(value.length())) {
            problem(key, "has " + value.length() + " characters; it needs " + kind.lengthRule() + ".", fix);
        } else if (!SECRET_CHARACTERS.matcher(value).matches()) {
            problem(key, "contains characters that break the daemons' config syntax.", fix);
        }
        return SecretInput.given(value);
    }

    private Optional<JsonNode> json(ConfigKey key, String expected) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(value.get()));
        } catch (JsonProcessingException e) {
            problem(key, "is not " + expected.split(";")[0] + ".", "Write " + expected);
            return Optional.empty();
        }
    }

    /** A list of strings, or null (with a problem recorded) when the key is missing or malformed. */
    private List<String> stringList(ConfigKey key, String fix) {
        Optional<JsonNode> node = json(key, "a list of strings; " + fix);
        if (node.isEmpty()) {
            if (raw(key).isEmpty()) {
                problem(key, "is not set.", fix);
            }
            return null;
        }
        if (!node.get().isArray()) {
            problem(key, "must be a list.", fix);
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node.get()) {
            if (!item.isTextual()) {
                problem(key, "must list strings only.", fix);
                return null;
            }
            values.add(item.asText());
        }
        return values;
    }
}
