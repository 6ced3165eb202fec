package com.talkhpb.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.talkhpb.facts.SecretKind;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.TestKeys;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsReaderTest {

    @Test
    void aMinimalStackGetsTheDocumentedDefaults() {
        Settings settings = SettingsReader.read(MapConfig.valid());

        assertThat(settings.domain()).isEqualTo("hpb.example.com");
        assertThat(settings.cloud()).isEqualTo(Cloud.HCLOUD);
        assertThat(settings.placement()).contains(new Placement("cx23", "nbg1", "debian-12", Optional.empty()));
        assertThat(settings.ipv6()).isTrue();
        assertThat(settings.rtpPortRange()).isEqualTo(new PortRange(20000, 40000));
        assertThat(settings.turnPort()).isEqualTo(3478);
        assertThat(settings.tls().mode()).isEqualTo(TlsMode.ACME);
        assertThat(settings.signalingVersion()).isEmpty();
        assertThat(settings.explicitSecrets()).isEmpty();
    }

    @Test
    void nextcloudUrlsAreNormalisedWithoutTrailingSlash() {
        Settings settings = SettingsReader.read(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://Cloud.Example.com/nextcloud/\"},{\"url\":\"https://other.example.org\"}]"));

        assertThat(settings.nextcloud()).extracting(n -> n.url().toString())
                .containsExactly("https://cloud.example.com/nextcloud", "https://other.example.org");
    }

    @Test
    void explicitSecretsAreKeptForMigration() {
        Settings settings = SettingsReader.read(MapConfig.valid()
                .with("blockKey", "a".repeat(32))
                .with("nextcloud", "[{\"url\":\"https://cloud.example.com\",\"secret\":\"" + "b".repeat(40) + "\"}]"));

        assertThat(settings.explicitSecret(SecretKind.BLOCK_KEY).value()).hasValue("a".repeat(32));
        assertThat(settings.nextcloud().get(0).secret().value()).hasValue("b".repeat(40));
        assertThat(settings.explicitSecret(SecretKind.HASH_KEY)).isEqualTo(SecretInput.GENERATE);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("missing domain", MapConfig.valid().without("domain"), "domain", "is not set"),
                bad("domain given as URL", MapConfig.valid().with("domain", "https://hpb.example.com"), "domain", "is a URL"),
                bad("domain given as IP", MapConfig.valid().with("domain", "198.51.100.7"), "domain", "is an IP address"),
                bad("single-label domain", MapConfig.valid().with("domain", "localhost"), "domain", "not a fully qualified"),
                bad("domain with underscore", MapConfig.valid().with("domain", "hpb_1.example.com"), "domain", "not a fully qualified"),
                bad("missing nextcloud", MapConfig.valid().without("nextcloud"), "nextcloud", "at least one Nextcloud"),
                bad("empty nextcloud list", MapConfig.valid().with("nextcloud", "[]"), "nextcloud", "non-empty list"),
                bad("nextcloud as plain string", MapConfig.valid().with("nextcloud", "https://cloud.example.com"), "nextcloud", "is not a list"),
                bad("nextcloud entry as string", MapConfig.valid().with("nextcloud", "[\"https://cloud.example.com\"]"), "nextcloud[0]", "must be an object"),
                bad("nextcloud without url", MapConfig.valid().with("nextcloud", "[{\"secret\":\"" + "x".repeat(40) + "\"}]"), "nextcloud[0].url", "is missing"),
                bad("nextcloud with unknown field", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"secrte\":\"x\"}]"), "nextcloud[0].secrte", "not a Nextcloud setting"),
                bad("nextcloud over plain http", MapConfig.valid().with("nextcloud", "[{\"url\":\"http://cloud.example.com\"}]"), "nextcloud[0].url", "plain http"),
                bad("nextcloud ftp url", MapConfig.valid().with("nextcloud", "[{\"url\":\"ftp://cloud.example.com\"}]"), "nextcloud[0].url", "not an http(s) URL"),
                bad("nextcloud url with query", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://cloud.example.com/?a=1\"}]"), "nextcloud[0].url", "query"),
                bad("nextcloud on the HPB domain", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://hpb.example.com\"}]"), "nextcloud[0].url", "HPB's own domain"),
                bad("duplicate nextcloud", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\"},{\"url\":\"https://c.example.com/\"}]"), "nextcloud[1].url", "listed twice"),
                bad("short backend secret", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"secret\":\"short\"}]"), "nextcloud[0].secret", "at least 32"),
                bad("unsupported cloud", MapConfig.valid().with("cloud", "gcp"), "cloud", "not a supported cloud"),
                bad("bad server type", MapConfig.valid().with("serverType", "CX 23"), "serverType", "is not valid"),
                bad("bad location", MapConfig.valid().with("location", "Nuremberg 1"), "location", "is not valid"),
                bad("non-Debian image", MapConfig.valid().with("image", "ubuntu-24.04"), "image", "debian-12"),
                bad("missing ssh sources", MapConfig.valid().without("sshSourceCidrs"), "sshSourceCidrs", "is not set"),
                bad("empty ssh sources", MapConfig.valid().with("sshSourceCidrs", "[]"), "sshSourceCidrs", "is empty"),
                bad("ssh source without prefix", MapConfig.valid().with("sshSourceCidrs", "[\"198.51.100.7\"]"), "sshSourceCidrs[0]", "no prefix length"),
                bad("ssh source with host bits", MapConfig.valid().with("sshSourceCidrs", "[\"198.51.100.7/24\"]"), "sshSourceCidrs[0]", "198.51.100.0/24"),
                bad("ssh source as name", MapConfig.valid().with("sshSourceCidrs", "[\"office.example.com/32\"]"), "sshSourceCidrs[0]", "not an IP address"),
                bad("ssh source prefix too long", MapConfig.valid().with("sshSourceCidrs", "[\"198.51.100.7/33\"]"), "sshSourceCidrs[0]", "outside 0-32"),
                bad("admin key not a key", MapConfig.valid().with("adminSshKeys", "[\"hello\"]"), "adminSshKeys[0]", "not an OpenSSH public key"),
                bad("unknown tls mode", MapConfig.valid().with("tlsMode", "letsencrypt"), "tlsMode", "acme, self-signed or provided"),
                bad("acme without email", MapConfig.valid().without("acmeEmail"), "acmeEmail", "required with tlsMode acme"),
                bad("acme with bad email", MapConfig.valid().with("acmeEmail", "admin"), "acmeEmail", "not an e-mail"),
                bad("provided without certificate", MapConfig.valid().with("tlsMode", "provided").with("tlsPrivateKey", TestKeys.privateKeyPem()), "tlsCertificate", "required with tlsMode provided"),
                bad("provided certificate not PEM", MapConfig.valid().with("tlsMode", "provided").with("tlsCertificate", "abc").with("tlsPrivateKey", TestKeys.privateKeyPem()), "tlsCertificate", "does not look like PEM"),
                bad("certificate without provided mode", MapConfig.valid().with("tlsCertificate", "-----BEGIN CERTIFICATE-----"), "tlsCertificate", "tlsMode is not provided"),
                bad("rtp range not a range", MapConfig.valid().with("rtpPortRange", "20000"), "rtpPortRange", "not a range"),
                bad("rtp range reversed", MapConfig.valid().with("rtpPortRange", "40000-20000"), "rtpPortRange", "must rise"),
                bad("rtp range privileged", MapConfig.valid().with("rtpPortRange", "100-5000"), "rtpPortRange", "must rise"),
                bad("rtp range in coturn relay range", MapConfig.valid().with("rtpPortRange", "50000-60000"), "rtpPortRange", "coturn's relay range"),
                bad("rtp range too small", MapConfig.valid().with("rtpPortRange", "20000-20100"), "rtpPortRange", "only 101 ports"),
                bad("rtp range over signaling port", MapConfig.valid().with("rtpPortRange", "5000-10000"), "rtpPortRange", "contains port 8080"),
                bad("turn port not a number", MapConfig.valid().with("turnPort", "turn"), "turnPort", "not a port number"),
                bad("turn port privileged", MapConfig.valid().with("turnPort", "443"), "turnPort", "outside 1024-65535"),
                bad("turn port taken", MapConfig.valid().with("turnPort", "8080"), "turnPort", "already used"),
                bad("signaling version too old", MapConfig.valid().with("signalingVersion", "1.2.4-1"), "signalingVersion", "older than 2.0"),
                bad("signaling version malformed", MapConfig.valid().with("signalingVersion", "latest"), "signalingVersion", "not a Debian package version"),
                bad("signaling version fix names an installable version", MapConfig.valid().with("signalingVersion", "latest"), "signalingVersion", "2.0.2-2+b2"),
                bad("reboot time out of range", MapConfig.valid().with("securityReboot", "25:00"), "securityReboot", "a daily time in UTC such as 04:30"),
                bad("reboot as a word", MapConfig.valid().with("securityReboot", "nightly"), "securityReboot", "neither never nor a time of day"),
                bad("block key of 16", MapConfig.valid().with("blockKey", "a".repeat(16)), "blockKey", "exactly 32"),
                bad("hash key of 40", MapConfig.valid().with("hashKey", "a".repeat(40)), "hashKey", "32 or 64"),
                bad("turn secret with quote", MapConfig.valid().with("turnSecret", "a".repeat(40) + "\""), "turnSecret", "break the daemons' config syntax"),
                bad("internal secret with space", MapConfig.valid().with("internalSecret", "a".repeat(20) + " " + "a".repeat(20)), "internalSecret", "break the daemons' config syntax"),
                bad("protect not boolean", MapConfig.valid().with("protect", "yes"), "protect", "true or false"),
                bad("ipv6 not boolean", MapConfig.valid().with("ipv6", "1"), "ipv6", "true or false"),
                bad("secrets generation zero", MapConfig.valid().with("secretsGeneration", "0"), "secretsGeneration", "positive whole number"),
                bad("dns zone not containing the domain", MapConfig.valid().with("dnsZone", "example.org"), "dnsZone", "does not contain the domain"),
                bad("dns zone malformed", MapConfig.valid().with("dnsZone", "example"), "dnsZone", "not a DNS zone name"),
                bad("hetzner server type on aws", aws().with("serverType", "cx23"), "serverType", "EC2 instance type"),
                bad("hetzner location on aws", aws().with("location", "nbg1"), "location", "AWS region"),
                bad("non-Debian AMI name", aws().with("image", "ubuntu-24.04"), "image", "Debian 12 AMI"),
                bad("malformed AMI id", aws().with("image", "ami-xyz"), "image", "is not valid on AWS"),
                bad("aws instance type on hetzner", MapConfig.valid().with("serverType", "t3.medium"), "serverType", "Hetzner server type"),
                bad("subnet on hetzner", MapConfig.valid().with("subnetId", "subnet-0123456789abcdef0"), "subnetId", "cloud aws only"),
                bad("malformed subnet", aws().with("subnetId", "vpc-0123456789abcdef0"), "subnetId", "not a subnet id"),
                bad("ipv6 on aws default vpc", aws().with("ipv6", "true"), "ipv6", "default VPC has no IPv6"),
                bad("nextcloud ssh not user@host", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"ssh\":\"c.example.com\"}]").with("nextcloudSshKey", KEY), "nextcloud[0].ssh", "not user@host"),
                bad("nextcloud occ without ssh", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"occ\":\"php occ\"}]"), "nextcloud[0].occ", "without ssh"),
                bad("nextcloud occ with quote", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"ssh\":\"root@c.example.com\",\"occ\":\"sh -c 'occ'\"}]").with("nextcloudSshKey", KEY), "nextcloud[0].occ", "never through a shell"),
                bad("nextcloud ssh without key", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"ssh\":\"root@c.example.com\"}]"), "nextcloudSshKey", "is not set"),
                bad("ssh key without nextcloud ssh", MapConfig.valid().with("nextcloudSshKey", KEY), "nextcloudSshKey", "no Nextcloud entry has ssh"),
                bad("ssh key not a key", MapConfig.valid().with("nextcloud", "[{\"url\":\"https://c.example.com\",\"ssh\":\"root@c.example.com\"}]").with("nextcloudSshKey", "hunter2"), "nextcloudSshKey", "does not look like a private key"),
                bad("misspelt key", MapConfig.valid().with("rtpPortRnage", "20000-40000"), "rtpPortRnage", "Did you mean talk-hpb:rtpPortRange?"),
                bad("unknown key", MapConfig.valid().with("colour", "blue"), "colour", "not a setting of talk-hpb"));
    }

    static final String KEY = TestKeys.privateKeyPem();

    @Test
    void aNextcloudWithSshIsConfiguredThereWithItsOccCommand() {
        Settings settings = SettingsReader.read(MapConfig.valid().with("nextcloud", "[{\"url\":\"https://a.example.com\","
                + "\"ssh\":\"deploy@203.0.113.5:2222\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\",\"occ\":\"docker exec -u www-data nextcloud php occ\"},"
                + "{\"url\":\"https://b.example.com\",\"ssh\":\"root@b.example.com\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\"},{\"url\":\"https://c.example.com\"}]")
                .with("nextcloudSshKey", KEY));

        assertThat(settings.nextcloud().get(0).access()).contains(
                new NextcloudAccess("deploy", "203.0.113.5", 2222, "docker exec -u www-data nextcloud php occ", TestKeys.HOST_KEY));
        assertThat(settings.nextcloud().get(1).access()).contains(
                new NextcloudAccess("root", "b.example.com", 22, NextcloudAccess.DEFAULT_OCC, TestKeys.HOST_KEY));
        assertThat(settings.nextcloud().get(2).access()).isEmpty();
        assertThat(settings.nextcloudSshKey().value()).contains(KEY);
    }

    static MapConfig aws() {
        return MapConfig.valid().with("cloud", "aws");
    }

    @Test
    void anAwsStackGetsItsOwnDefaults() {
        Settings settings = SettingsReader.read(aws());

        assertThat(settings.cloud()).isEqualTo(Cloud.AWS);
        assertThat(settings.placement()).contains(new Placement("t3.medium", "eu-central-1", "debian-12", Optional.empty()));
        assertThat(settings.ipv6()).as("the default VPC has no IPv6").isFalse();
    }

    @Test
    void anAwsStackInASubnetMayHaveIpv6AndAPinnedAmi() {
        Settings settings = SettingsReader.read(aws().with("subnetId", "subnet-0123456789abcdef0").with("ipv6", "true")
                .with("image", "ami-0123456789abcdef0").with("serverType", "c7g.large").with("location", "us-east-1"));

        assertThat(settings.placement()).contains(new Placement("c7g.large", "us-east-1", "ami-0123456789abcdef0",
                Optional.of("subnet-0123456789abcdef0")));
        assertThat(settings.ipv6()).isTrue();
    }

    static Arguments bad(String name, MapConfig config, String key, String messagePart) {
        return Arguments.of(name, config, key, messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadInputIsReportedWithItsKeyAndAFix(String name, MapConfig config, String key, String messagePart) {
        assertThatThrownBy(() -> SettingsReader.read(config))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                    assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                        assertThat(p.key()).isEqualTo(key);
                        assertThat(p.what() + " " + p.fix()).contains(messagePart);
                        assertThat(p.fix()).isNotBlank();
                    });
                });
    }

    @Test
    void everyProblemIsReportedTogether() {
        MapConfig config = MapConfig.valid()
                .without("domain")
                .with("rtpPortRange", "1-2")
                .with("blockKey", "short")
                .with("tlsMode", "none");

        assertThatThrownBy(() -> SettingsReader.read(config))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::key)
                            .containsExactlyInAnyOrder("domain", "rtpPortRange", "blockKey", "tlsMode");
                    assertThat(e.getMessage()).startsWith("stack 'test' has 4 configuration problems; nothing was created:")
                            .contains("talk-hpb:domain:", "talk-hpb:blockKey:");
                });
    }

    @Test
    void aSecretValueNeverAppearsInTheReport() {
        String secret = "Q".repeat(20) + "'" + "Z".repeat(20);
        assertThatThrownBy(() -> SettingsReader.read(MapConfig.valid().with("turnSecret", secret)))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("QQQQQQQQQQ"));
    }

    @Test
    void encryptedSecretsFromAStackFileCountAsGivenWithoutAValue() {
        Settings settings = SettingsReader.read(MapConfig.valid()
                .with("turnSecret", ConfigSource.ENCRYPTED)
                .with("nextcloud", "[{\"url\":\"https://c.example.com\",\"secret\":\"" + ConfigSource.ENCRYPTED + "\"}]"));

        assertThat(settings.explicitSecret(SecretKind.TURN_SECRET)).isEqualTo(SecretInput.ENCRYPTED);
        assertThat(settings.nextcloud()).extracting(NextcloudSettings::secret).containsExactly(SecretInput.ENCRYPTED);
    }

    @Test
    void loopbackHttpBackendsAreAllowedForTests() {
        Settings settings = SettingsReader.read(MapConfig.valid().with("nextcloud", "[{\"url\":\"http://127.0.0.1:8999\"}]"));

        assertThat(settings.nextcloud()).extracting(n -> n.url().toString()).isEqualTo(List.of("http://127.0.0.1:8999"));
    }
}
