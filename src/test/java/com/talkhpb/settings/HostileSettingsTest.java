package com.talkhpb.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile values for every setting, as an attacker who controls one setting (or an
 * unlucky admin) would write them: each is refused with its key and a fix, or accepted in canonical
 * form and read back exactly so (ShellQuotingTest shows accepted values reach the host as one word).
 */
class HostileSettingsTest {
    static final String SECRET = "S".repeat(40);
    static final String KEY_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminAdminAdminAdminAdminAdminAdminAdminAdm admin@laptop";
    static final List<String> SHELL = List.of("$(touch /tmp/pwned)", "`touch /tmp/pwned`", "; touch /tmp/pwned", "| touch /tmp/pwned",
            "&& touch /tmp/pwned", "'", "\"", "\n", "\r", "#", "\\", "${IFS}");

    record Refused(String setting, String value, MapConfig config, String key) {
    }

    record Accepted(String setting, String value, MapConfig config, Function<Settings, Object> read, Object expected) {
    }

    static MapConfig base() {
        return MapConfig.valid();
    }

    /** A valid stack for a server the admin has (cloud existing). */
    static MapConfig existing() {
        return base().with("cloud", "existing").with("hostIpv4", "203.0.113.10").with("sshPrivateKey", TestKeys.privateKeyPem())
                .with("sshHostKey", TestKeys.HOST_KEY);
    }

    static String nextcloud(String field, String value) {
        return "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"root@cloud.example.com\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\",\"" + field + "\":" + json(value) + "}]";
    }

    static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    static List<Refused> refused() {
        List<Refused> cases = new ArrayList<>();
        for (String v : List.of("hpb.example.com;rm -rf /", "$(id).example.com", "hpb example.com", "'hpb.example.com'",
                "-hpb.example.com", "hpb..example.com", "hpb.example.com:443", "http://hpb.example.com", "198.51.100.7", "::1",
                "a".repeat(64) + ".example.com", "hpb_example.com", "*.example.com", "hpb.example.com/path", "hpb.exämple.com", "localhost")) {
            cases.add(new Refused("domain", v, base().with("domain", v), "domain"));
        }
        for (String v : List.of("a b@example.com", "admin@example", "@example.com", "admin@@example.com", "admin@exa mple.com",
                "admin@example.com\ntouch", "--server=https://evil.example/x@example.com", "-admin@example.com")) {
            cases.add(new Refused("acmeEmail", v, base().with("acmeEmail", v), "acmeEmail"));
        }
        for (String v : List.of("http://acme.example.com/directory", "https://acme.example.com/dir?x=$(id)", "https://acme.example.com/dir;id",
                "https://user:pw@acme.example.com/directory", "letsencrypt-prod", "https://", "https://acme.example.com/dir\nx",
                "-https://acme.example.com", "https://acme.example.com/'x'", "ftp://acme.example.com")) {
            cases.add(new Refused("acmeServer", v, base().with("acmeServer", v), "acmeServer"));
        }
        cases.add(new Refused("acmeServer", "with tlsMode self-signed", base().with("tlsMode", "self-signed").without("acmeEmail")
                .with("acmeServer", "letsencrypt-staging"), "acmeServer"));
        for (String v : List.of("not a certificate", "-----BEGIN CERTIFICATE-----\nAA$(id)\n-----END CERTIFICATE-----",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")) {
            cases.add(new Refused("acmeCaCertificate", v, base().with("acmeServer", "https://acme.example.com/dir").with("acmeCaCertificate", v),
                    "acmeCaCertificate"));
        }
        cases.add(new Refused("acmeCaCertificate", "with Let's Encrypt", base().with("acmeCaCertificate",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"), "acmeCaCertificate"));
        for (String v : List.of("1/32", "010.0.0.1/32", "198.51.100.7/+32", "198.51.100.7/032", "198.51.100.7", "198.51.100.7/33",
                "198.51.100.7/24", "::ffff:198.51.100.7/128", "198.51.100.7/32; touch /tmp/pwned", "$(id)/32", "198.51.100.256/32",
                "0x7f.0.0.1/32", "198.51.100.7/-1", "2001:db8::1/64", "office.example.com/32")) {
            cases.add(new Refused("sshSourceCidrs", v, base().with("sshSourceCidrs", "[" + json(v) + "]"), "sshSourceCidrs[0]"));
        }
        cases.add(new Refused("sshSourceCidrs", "IPv6 only", base().with("sshSourceCidrs", "[\"2001:db8::/64\"]"), "sshSourceCidrs"));
        for (String v : List.of("198.51.100.9", "198.51.100.9/24", "$(id)/32", "prometheus.example.com/32", "198.51.100.9/32; id")) {
            cases.add(new Refused("metricsSourceCidrs", v, base().with("metricsSourceCidrs", "[" + json(v) + "]"), "metricsSourceCidrs[0]"));
        }
        cases.add(new Refused("metricsSourceCidrs", "empty: open to nobody", base().with("metricsSourceCidrs", "[]"), "metricsSourceCidrs"));
        cases.add(new Refused("metricsSourceCidrs", "a string, not a list", base().with("metricsSourceCidrs", "198.51.100.9/32"),
                "metricsSourceCidrs"));
        cases.add(new Refused("metricsSourceCidrs", "on an existing server", existing().with("metricsSourceCidrs", "[\"198.51.100.9/32\"]"),
                "metricsSourceCidrs"));
        cases.add(new Refused("turnPort", "the metrics port", base().with("turnPort", "9443"), "turnPort"));
        cases.add(new Refused("sshPort", "the node exporter's port", existing().with("sshPort", "9100"), "sshPort"));
        for (String v : List.of("https://cloud.example.com:0", "https://cloud.example.com:99999", "https://cloud.example.com/$(VAR)",
                "https://cloud.example.com/${HOME}", "https://cloud.example.com/a/../b", "https://cloud.example.com/..", "http://127.0.0.1.nip.io",
                "http://cloud.example.com", "https://user:pw@cloud.example.com", "https://cloud.example.com/?x=1",
                "https://cloud.example.com/#frag", "ftp://cloud.example.com", "https://hpb.example.com", "javascript:alert(1)",
                "cloud.example.com", "https://", "https://cloud example.com", "https://cloud.example.com/a\\b")) {
            cases.add(new Refused("nextcloud url", v, base().with("nextcloud", "[{\"url\":" + json(v) + "}]"), "nextcloud[0].url"));
        }
        for (String s : SHELL) {
            cases.add(new Refused("nextcloud occ", "occ " + s, base().with("nextcloud", nextcloud("occ", "php " + s + " /var/www/occ"))
                    .with("nextcloudSshKey", TestKeys.privateKeyPem()), "nextcloud[0].occ"));
            cases.add(new Refused("nextcloud ssh", "ssh " + s, base().with("nextcloud", nextcloud("ssh", "root@cloud.example.com" + s))
                    .with("nextcloudSshKey", TestKeys.privateKeyPem()), "nextcloud[0].ssh"));
            for (String secret : List.of("turnSecret", "internalSecret", "turnApiKey")) {
                cases.add(new Refused(secret, SECRET + s, base().with(secret, SECRET + s), secret));
            }
            cases.add(new Refused("nextcloud secret", SECRET + s, base().with("nextcloud",
                    "[{\"url\":\"https://cloud.example.com\",\"secret\":" + json(SECRET + s) + "}]"), "nextcloud[0].secret"));
            cases.add(new Refused("signalingVersion", "2.0.2" + s + "-2", base().with("signalingVersion", "2.0.2" + s + "-2"), "signalingVersion"));
        }
        for (String v : List.of("-" + SECRET, "%" + SECRET, "+" + SECRET, SECRET + "/x", SECRET + "=", "short")) {
            cases.add(new Refused("turnApiKey", v, base().with("turnApiKey", v), "turnApiKey"));
        }
        for (String v : List.of("-" + SECRET, "short", "x".repeat(31))) {
            cases.add(new Refused("turnSecret", v, base().with("turnSecret", v), "turnSecret"));
        }
        for (String v : List.of("3478; touch /tmp/pwned", "-1", "0", "65536", "443", "80", "22", "8080", "3478.0", "0x0d96", "50000", "1023")) {
            cases.add(new Refused("turnPort", v, base().with("turnPort", v), "turnPort"));
        }
        for (String v : List.of("20000-40000; touch /tmp/pwned", "3000-40000", "20000-20010", "40000-20000", "1000-2000", "abc",
                "20000 40000", "20000-70000")) {
            cases.add(new Refused("rtpPortRange", v, base().with("rtpPortRange", v), "rtpPortRange"));
        }
        for (String v : List.of("-1", "16385", "1000; touch /tmp/pwned", "1e3", "unlimited", "")) {
            if (!v.isEmpty()) {
                cases.add(new Refused("connectionsPerAddress", v, base().with("connectionsPerAddress", v), "connectionsPerAddress"));
            }
        }
        for (String v : List.of("turn.hpb.example.com;rm -rf /", "$(id).example.com", "turn hpb.example.com", "198.51.100.7", "turn",
                "hpb.example.com", "HPB.example.com.", "turn.hpb.example.com:443", "*.example.com")) {
            cases.add(new Refused("turnsName", v, base().with("turnsName", v), "turnsName"));
        }
        cases.add(new Refused("turnsName", "outside dnsZone", base().with("dnsZone", "example.com").with("turnsName", "turn.example.org"),
                "turnsName"));
        cases.add(new Refused("rtpPortRange", "holds turnPort + 1", base().with("turnPort", "19999").with("rtpPortRange", "20000-40000"),
                "rtpPortRange"));
        for (String v : List.of("latest", "1.2.4-1", "2.0.2 2.0.3", "v2.0.2", "")) {
            if (!v.isEmpty()) {
                cases.add(new Refused("signalingVersion", v, base().with("signalingVersion", v), "signalingVersion"));
            }
        }
        for (String v : List.of("25:00", "4:30", "04:30; reboot", "nightly", "04:60", "always")) {
            cases.add(new Refused("securityReboot", v, base().with("securityReboot", v), "securityReboot"));
        }
        for (String v : List.of(KEY_LINE + "\nPermitRootLogin yes", "command=\"touch /tmp/pwned\" " + KEY_LINE, "ssh-dss AAAAB3NzaC1kc3M=",
                "not a key")) {
            cases.add(new Refused("adminSshKeys", v, base().with("adminSshKeys", "[" + json(v) + "]"), "adminSshKeys[0]"));
        }
        for (String[] kv : new String[][] {{"cloud", "gcp"}, {"cloud", "hcloud; id"}, {"tlsMode", "none"}, {"tlsMode", "acme'"},
                {"protect", "yes"}, {"ipv6", "1"}, {"secretsGeneration", "0"}, {"secretsGeneration", "1; id"}, {"image", "ubuntu-24.04"},
                {"image", "debian-12; id"}, {"serverType", "cx23; id"}, {"location", "nbg1 && id"}, {"dnsZone", "other.org"},
                {"dnsZone", "example.com; id"}, {"subnetId", "subnet-123"}, {"blockKey", "B".repeat(31)}, {"hashKey", "H".repeat(33)},
                {"tlsCertificate", "not pem"}, {"tlsPrivateKey", "not pem"}, {"nextcloudSshKey", "not a key"}, {"talk-hpb:domain", "hpb.example.com"},
                {"domian", "hpb.example.com"}}) {
            cases.add(new Refused(kv[0], kv[1], base().with(kv[0], kv[1]), kv[0]));
        }
        for (String v : List.of("203.0.113.10; id", "$(id)", "203.0.113.256", "2001:db8::10", "hpb.example.com", "010.0.0.1",
                "203.0.113.10/32", "0x7f.0.0.1", "203.0.113.10 -oProxyCommand=id")) {
            cases.add(new Refused("hostIpv4", v, existing().with("hostIpv4", v), "hostIpv4"));
        }
        cases.add(new Refused("hostIpv4", "missing", existing().without("hostIpv4"), "hostIpv4"));
        for (String v : List.of("2001:db8::10; id", "203.0.113.10", "2001:db8::/64", "[2001:db8::10]")) {
            cases.add(new Refused("hostIpv6", v, existing().with("hostIpv6", v), "hostIpv6"));
        }
        cases.add(new Refused("hostInterfaceIpv4", "10.0.0.5 && id", existing().with("hostInterfaceIpv4", "10.0.0.5 && id"), "hostInterfaceIpv4"));
        for (String v : List.of("root; id", "$(id)", "Root", "-oProxyCommand=id", "ad min", "a".repeat(33))) {
            cases.add(new Refused("sshUser", v, existing().with("sshUser", v), "sshUser"));
        }
        for (String v : List.of("2222; id", "0", "65536", "443", "8080", "5349", "50000", "3478", "25000", "ssh")) {
            cases.add(new Refused("sshPort", v, existing().with("sshPort", v), "sshPort"));
        }
        cases.add(new Refused("sshPort", "on hcloud", base().with("sshPort", "2222"), "sshPort"));
        cases.add(new Refused("sshPrivateKey", "not a key", existing().with("sshPrivateKey", "not a key"), "sshPrivateKey"));
        cases.add(new Refused("sshPrivateKey", "missing", existing().without("sshPrivateKey"), "sshPrivateKey"));
        cases.add(new Refused("purgePackagesOnDestroy", "yes", existing().with("purgePackagesOnDestroy", "yes"), "purgePackagesOnDestroy"));
        for (String key : List.of("hostIpv4", "sshUser", "purgePackagesOnDestroy")) {
            cases.add(new Refused(key, "on hcloud", base().with(key, key.equals("hostIpv4") ? "203.0.113.10" : "true"), key));
        }
        for (String[] kv : new String[][] {{"serverType", "cx23"}, {"location", "nbg1"}, {"image", "123456"}, {"subnetId", "subnet-12345678"},
                {"ipv6", "true"}, {"dnsZone", "example.com"}}) {
            cases.add(new Refused(kv[0], "with cloud existing", existing().with(kv[0], kv[1]), kv[0]));
        }
        for (String v : List.of("-1", "11", "two", "1; id", "$(id)", "1.5")) {
            cases.add(new Refused("mediaNodes", v, base().with("mediaNodes", v), "mediaNodes"));
        }
        cases.add(new Refused("nextcloud sshHostKey", "missing with ssh", base().with("nextcloud",
                "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"root@cloud.example.com\"}]").with("nextcloudSshKey", TestKeys.privateKeyPem()),
                "nextcloud[0].sshHostKey"));
        String otherType = "ssh-rsa " + TestKeys.HOST_KEY.substring("ssh-ed25519 ".length());
        for (String v : List.of("AAAAC3NzaC1lZDI1NTE5", "ssh-ed25519", otherType, "ssh-ed25519 AAAA$(id)", "ssh-dss AAAAB3NzaC1kc3M=",
                TestKeys.HOST_KEY + "\nssh-ed25519 AAAA", "ssh-ed25519 !!!!")) {
            cases.add(new Refused("nextcloud sshHostKey", v, base().with("nextcloud", nextcloud("sshHostKey", v)).with("nextcloudSshKey", TestKeys.privateKeyPem()),
                    "nextcloud[0].sshHostKey"));
        }
        cases.add(new Refused("sshHostKey", "missing with cloud existing", existing().without("sshHostKey"), "sshHostKey"));
        for (String v : List.of("ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5", "ssh-ed25519 AAAA;id", "ecdsa-sha2-nistp256 " + TestKeys.HOST_KEY.substring(12))) {
            cases.add(new Refused("sshHostKey", v, existing().with("sshHostKey", v), "sshHostKey"));
        }
        cases.add(new Refused("sshHostKey", "on a cloud", base().with("sshHostKey", TestKeys.HOST_KEY), "sshHostKey"));
        for (String v : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "169.254.169.254", "224.0.0.1")) {
            cases.add(new Refused("hostIpv4", v, existing().with("hostIpv4", v), "hostIpv4"));
        }
        for (String v : List.of("::1", "::", "fe80::1", "ff02::1")) {
            cases.add(new Refused("hostIpv6", v, existing().with("hostIpv6", v), "hostIpv6"));
        }
        cases.add(new Refused("hostInterfaceIpv4", "loopback", existing().with("hostInterfaceIpv4", "127.0.0.1"), "hostInterfaceIpv4"));
        cases.add(new Refused("mediaNodes", "with cloud existing", existing().with("mediaNodes", "2"), "mediaNodes"));
        for (String v : List.of("cx23; id", "$(id)", "CX 23", "../cx23")) {
            cases.add(new Refused("mediaNodeServerType", v, base().with("mediaNodes", "1").with("mediaNodeServerType", v), "mediaNodeServerType"));
        }
        cases.add(new Refused("mediaNodeServerType", "with cloud existing", existing().with("mediaNodeServerType", "cx33"), "mediaNodeServerType"));
        return cases;
    }

    static List<Accepted> accepted() {
        return List.of(
                new Accepted("acmeEmail", "o'brien@example.com", base().with("acmeEmail", "o'brien@example.com"),
                        s -> s.tls().acmeEmail().orElseThrow(), "o'brien@example.com"),
                new Accepted("acmeEmail", "'$(touch/tmp/x)'@example.com", base().with("acmeEmail", "'$(touch/tmp/x)'@example.com"),
                        s -> s.tls().acmeEmail().orElseThrow(), "'$(touch/tmp/x)'@example.com"),
                new Accepted("acmeServer", "letsencrypt-staging", base().with("acmeServer", "letsencrypt-staging"),
                        s -> s.tls().acmeDirectory(), "https://acme-staging-v02.api.letsencrypt.org/directory"),
                new Accepted("acmeServer", "a private ACME server", base().with("acmeServer", "https://127.0.0.1:14000/dir"),
                        s -> s.tls().acmeDirectory(), "https://127.0.0.1:14000/dir"),
                new Accepted("acmeCaCertificate", "CRLF line ends", base().with("acmeServer", "https://acme.example.com/dir")
                        .with("acmeCaCertificate", "-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\r\n"),
                        s -> s.tls().acmeCaCertificate().orElseThrow(), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                new Accepted("nextcloud url", "default port dropped", base().with("nextcloud", "[{\"url\":\"https://Cloud.Example.com:443/\"}]"),
                        s -> s.nextcloud().get(0).url().toString(), "https://cloud.example.com"),
                new Accepted("nextcloud url", "%20 encoded once", base().with("nextcloud", "[{\"url\":\"https://cloud.example.com/nc%20dir/\"}]"),
                        s -> s.nextcloud().get(0).url().toString(), "https://cloud.example.com/nc%20dir"),
                new Accepted("nextcloud url", "/./ and // folded", base().with("nextcloud", "[{\"url\":\"https://cloud.example.com/./nc//\"}]"),
                        s -> s.nextcloud().get(0).url().toString(), "https://cloud.example.com/nc"),
                new Accepted("nextcloud url", "loopback test backend", base().with("nextcloud", "[{\"url\":\"http://127.0.0.1:8081\"}]"),
                        s -> s.nextcloud().get(0).url().toString(), "http://127.0.0.1:8081"),
                new Accepted("sshSourceCidrs", "IPv6 in canonical form", base().with("sshSourceCidrs", "[\"198.51.100.7/32\",\"2001:DB8:0:0::/64\"]"),
                        s -> s.sshSourceCidrs().get(1).text(), "2001:db8::/64"),
                new Accepted("sshSourceCidrs", "world-open SSH, with a warning", base().with("sshSourceCidrs", "[\"0.0.0.0/0\"]"),
                        s -> s.warnings().get(0).key(), "sshSourceCidrs[0]"),
                new Accepted("metricsSourceCidrs", "unset: no metrics endpoint", base(), s -> s.metricsSourceCidrs(), List.of()),
                new Accepted("metricsSourceCidrs", "IPv4 and IPv6 in canonical form",
                        base().with("metricsSourceCidrs", "[\" 198.51.100.9/32\",\"2001:DB8::/64\"]"),
                        s -> s.metricsSourceCidrs().stream().map(Cidr::text).toList(), List.of("198.51.100.9/32", "2001:db8::/64")),
                new Accepted("metricsSourceCidrs", "open to the Internet, with a warning", base().with("metricsSourceCidrs", "[\"::/0\"]"),
                        s -> s.warnings().get(0).key() + " " + s.warnings().get(0).what(),
                        "metricsSourceCidrs[0] '::/0' lets the whole Internet ask the metrics endpoint (its token still guards it)."),
                new Accepted("nextcloud sshHostKey", "as ssh-keyscan prints it", base().with("nextcloud", nextcloud("sshHostKey",
                        "cloud.example.com " + TestKeys.HOST_KEY)).with("nextcloudSshKey", TestKeys.privateKeyPem()),
                        s -> s.nextcloud().get(0).access().orElseThrow().hostKey(), TestKeys.HOST_KEY),
                new Accepted("nextcloud sshHostKey", "with a comment", base().with("nextcloud", nextcloud("sshHostKey",
                        TestKeys.HOST_KEY + " root@cloud")).with("nextcloudSshKey", TestKeys.privateKeyPem()),
                        s -> s.nextcloud().get(0).access().orElseThrow().hostKey(), TestKeys.HOST_KEY),
                new Accepted("occ", "extra spaces folded", base().with("nextcloud", nextcloud("occ", "docker  exec -u www-data nextcloud php occ"))
                        .with("nextcloudSshKey", TestKeys.privateKeyPem()),
                        s -> s.nextcloud().get(0).access().orElseThrow().occ(), "docker exec -u www-data nextcloud php occ"),
                new Accepted("connectionsPerAddress", "0 (no limit)", base().with("connectionsPerAddress", "0"),
                        s -> Integer.toString(s.connectionsPerAddress()), "0"),
                new Accepted("connectionsPerAddress", "16384 (the largest)", base().with("connectionsPerAddress", "16384"),
                        s -> Integer.toString(s.connectionsPerAddress()), "16384"),
                new Accepted("turnsName", "default turn.<domain>", base(), s -> s.turnsName().orElseThrow(), "turn.hpb.example.com"),
                new Accepted("turnsName", "off", base().with("turnsName", "off"), s -> s.turnsName().orElse("none"), "none"),
                new Accepted("turnsName", "a name of its own, case folded", base().with("turnsName", "TURNS.Example.org."),
                        s -> s.turnsName().orElseThrow(), "turns.example.org"),
                new Accepted("securityReboot", "04:30", base().with("securityReboot", "04:30"), s -> s.securityRebootTime().orElseThrow().toString(), "04:30"),
                new Accepted("signalingVersion", "2.0.2-2+b2", base().with("signalingVersion", "2.0.2-2+b2"),
                        s -> s.signalingVersion().orElseThrow(), "2.0.2-2+b2"),
                new Accepted("hostIpv6", "in canonical form", existing().with("hostIpv6", "2001:DB8:0:0::10"),
                        s -> s.existingServer().orElseThrow().publicIpv6().orElseThrow(), "2001:db8::10"),
                new Accepted("hostIpv4", "a private address, with a warning", existing().with("hostIpv4", "192.168.1.20"),
                        s -> s.warnings().get(0).key(), "hostIpv4"),
                new Accepted("sshPort", "sshd elsewhere", existing().with("sshPort", "2222"),
                        s -> Integer.toString(s.sshPort()), "2222"),
                new Accepted("mediaNodes", "3, of the HPB's type by default", base().with("mediaNodes", "3"),
                        s -> s.mediaNodes().count() + " " + s.mediaNodes().placement().orElseThrow().serverType(), "3 cx23"),
                new Accepted("mediaNodeServerType", "a larger type", base().with("mediaNodes", "1").with("mediaNodeServerType", "ccx23"),
                        s -> s.mediaNodes().placement().orElseThrow().serverType(), "ccx23"),
                new Accepted("mediaNodes", "0 with a node type kept for later", base().with("mediaNodeServerType", "ccx23"),
                        s -> s.mediaNodes().count() + " " + s.mediaNodes().placement().isPresent(), "0 false"),
                new Accepted("sshUser", "a sudo user", existing().with("sshUser", "debian"),
                        s -> s.existingServer().orElseThrow().sshUser(), "debian"),
                new Accepted("turnApiKey", "URL-safe", base().with("turnApiKey", "a-b_c.d~" + "K".repeat(32)),
                        s -> s.explicitSecret(com.talkhpb.facts.SecretKind.TURN_API_KEY).value().orElseThrow(), "a-b_c.d~" + "K".repeat(32)));
    }

    static List<Arguments> refusedCases() {
        return refused().stream().map(c -> Arguments.of(c.setting(), c.value().replace("\n", "\\n").replace("\r", "\\r"), c)).toList();
    }

    static List<Arguments> acceptedCases() {
        return accepted().stream().map(c -> Arguments.of(c.setting(), c.value(), c)).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedCases")
    void isRefusedWithItsKeyAndAFix(String setting, String shown, Refused c) {
        assertThatThrownBy(() -> SettingsReader.read(c.config()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).as(e.getMessage())
                        .anySatisfy(p -> {
                            assertThat(p.key()).isEqualTo(c.key());
                            assertThat(p.fix()).isNotBlank();
                        }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("acceptedCases")
    void isAcceptedInCanonicalForm(String setting, String shown, Accepted c) {
        assertThat(c.read().apply(SettingsReader.read(c.config()))).isEqualTo(c.expected());
    }

    @Test
    void theCorpusIsLargeAndCoversEverySetting() {
        List<Refused> refused = refused();
        System.out.println("hostile settings corpus: " + refused.size() + " refused, " + accepted().size() + " accepted intact");
        assertThat(refused.size() + accepted().size()).isGreaterThanOrEqualTo(150);
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(refused).as("a hostile value for %s", key.key()).anyMatch(c -> c.key().startsWith(key.key()) || c.setting().startsWith(key.key()));
        }
    }
}
