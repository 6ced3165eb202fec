package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.SecretRef;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import org.junit.jupiter.api.Test;

class CloudConfigTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode parse(String userData) throws Exception {
        return YAML.readTree(userData);
    }

    @Test
    void isCloudConfigYamlThatInstallsTheHpbPackages() throws Exception {
        String userData = Rendered.bundle(MapConfig.valid()).userData();
        JsonNode root = parse(userData);

        assertThat(userData).startsWith("#cloud-config\n");
        assertThat(root.path("packages")).extracting(JsonNode::asText)
                .contains("janus", "nats-server", "coturn", "nginx", "nextcloud-spreed-signaling", "chrony", "unattended-upgrades");
        assertThat(root.path("write_files")).anySatisfy(f -> {
            assertThat(f.path("path").asText()).isEqualTo("/etc/apt/sources.list.d/talk-hpb-sid.list");
            assertThat(f.path("content").asText()).isEqualTo("deb http://deb.debian.org/debian sid main\n");
        });
        assertThat(root.path("apt").has("sources")).as("apt-configure must not run an early apt-get update").isFalse();
    }

    @Test
    void pinsSidLowSoOnlyTheSignalingPackagesComeFromIt() throws Exception {
        JsonNode root = parse(Rendered.bundle(MapConfig.valid()).userData());
        JsonNode preferences = null;
        for (JsonNode file : root.path("write_files")) {
            if (file.path("path").asText().equals("/etc/apt/preferences.d/talk-hpb")) {
                preferences = file;
            }
        }

        assertThat(preferences).isNotNull();
        assertThat(preferences.path("content").asText()).contains(
                "Package: *\nPin: release n=sid\nPin-Priority: 100\n",
                "Package: nextcloud-spreed-signaling nextcloud-spreed-signaling-common nextcloud-spreed-signaling-proxy\n"
                        + "Pin: release n=sid\nPin-Priority: 990\n");
    }

    @Test
    void keepsDaemonsStoppedDuringInstallAndMarksTheEnd() throws Exception {
        JsonNode root = parse(Rendered.bundle(MapConfig.valid()).userData());

        assertThat(root.path("write_files")).anySatisfy(f -> assertThat(f.path("path").asText()).isEqualTo("/usr/sbin/policy-rc.d"));
        assertThat(root.path("runcmd").get(0).asText()).isEqualTo("rm -f /usr/sbin/policy-rc.d");
        assertThat(root.path("runcmd").get(root.path("runcmd").size() - 1).asText())
                .isEqualTo("touch " + HostPreparation.PACKAGES_READY_MARKER);
    }

    @Test
    void turnsOnAutomaticUpgradesOnlyAfterItsOwnAptRuns() throws Exception {
        JsonNode root = parse(Rendered.bundle(MapConfig.valid()).userData());

        assertThat(root.path("write_files")).anySatisfy(f -> {
            assertThat(f.path("path").asText()).isEqualTo("/etc/apt/apt.conf.d/20auto-upgrades");
            assertThat(f.path("defer").asBoolean()).isTrue();
        });
    }

    @Test
    void holdsNoSecretValue() {
        Bundle bundle = Rendered.bundle(MapConfig.valid().with("blockKey", "B".repeat(32)));

        for (SecretRef secret : bundle.deployment().allSecrets()) {
            assertThat(bundle.userData()).as(secret.name()).doesNotContain(Rendered.secrets().valueOf(secret));
        }
        assertThat(bundle.userData()).doesNotContain("B".repeat(32)).doesNotContain("secret:");
    }

    @Test
    void doesNotChangeWhenOnlyDaemonConfigurationChanges() {
        String before = CloudConfig.render(Rendered.deployment(MapConfig.valid()));
        String after = CloudConfig.render(Rendered.deployment(MapConfig.valid()
                .with("nextcloud", "[{\"url\":\"https://cloud.example.com\"},{\"url\":\"https://second.example.com\"}]")
                .with("rtpPortRange", "30000-39999")
                .with("turnPort", "3479")
                .with("tlsMode", "self-signed")
                .with("domain", "other-hpb.example.com")
                .with("turnSecret", "T".repeat(40))));

        assertThat(after).isEqualTo(before);
    }

    @Test
    void staysTheSameWhenTheSignalingVersionChangesSoAnUpgradeNeverReplacesTheServer() {
        Deployment pinned = Rendered.deployment(MapConfig.valid().with("signalingVersion", "2.0.2-2+b2"));

        assertThat(CloudConfig.render(pinned)).isEqualTo(CloudConfig.render(Rendered.deployment(MapConfig.valid())))
                .doesNotContain("2.0.2");
    }
}
