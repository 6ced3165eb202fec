package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import com.talkhpb.model.SecretRef;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoRendersWriteIdenticalBytes(@TempDir Path a, @TempDir Path b) throws Exception {
        BundleWriter.write(Rendered.bundle(MapConfig.valid()), a);
        BundleWriter.write(Rendered.bundle(MapConfig.valid()), b);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(a)) {
            files = walk.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
    }

    @Test
    void placeholderBundleCarriesNoSecretValue() {
        Deployment d = Rendered.deployment(MapConfig.valid());
        Bundle bundle = Bundle.render(d, HostFacts.UNKNOWN, SecretValues.PLACEHOLDERS);
        String everything = bundle.files().stream().map(BundleFile::content).reduce("", String::concat) + bundle.userData();

        for (SecretRef secret : d.allSecrets()) {
            assertThat(everything).contains(secret.placeholder());
            assertThat(everything).doesNotContain(Rendered.secrets().valueOf(secret));
        }
    }

    @Test
    void everyFileHoldingASecretIsRootOwned0640AndMarkedSecret() {
        Bundle bundle = Rendered.bundle(MapConfig.valid());

        for (BundleFile file : bundle.files()) {
            boolean holdsSecret = bundle.deployment().allSecrets().stream()
                    .anyMatch(s -> file.content().contains(Rendered.secrets().valueOf(s)));
            assertThat(file.secret()).as(file.bundlePath()).isEqualTo(holdsSecret);
            if (holdsSecret) {
                assertThat(file.mode()).as(file.bundlePath()).isEqualTo("0640");
                assertThat(file.owner()).as(file.bundlePath()).isEqualTo("root");
            }
        }
    }

    @Test
    void manifestListsEveryFileWithItsOwnershipAndService(@TempDir Path out) throws Exception {
        Bundle bundle = Rendered.bundle(MapConfig.valid());
        BundleWriter.write(bundle, out);
        JsonNode manifest = JSON.readTree(out.resolve(BundleWriter.MANIFEST).toFile());

        assertThat(manifest.path("files")).hasSize(bundle.files().size());
        for (JsonNode entry : manifest.path("files")) {
            Path source = out.resolve(entry.path("source").asText());
            assertThat(source).exists();
            assertThat(entry.path("path").asText()).isEqualTo("/" + entry.path("source").asText());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(source)))
                    .isEqualTo(entry.path("mode").asText().equals("0640") ? "rw-r-----" : "rw-r--r--");
            assertThat(entry.path("service").asText()).isIn("nats-server", "coturn", "janus", "nextcloud-spreed-signaling", "nginx", "unattended-upgrades", "ssh",
                    "talk-hpb-firewall", "talk-hpb-backends", "talk-hpb-watchdog.timer");
            assertThat(entry.path("owner").asText()).isEqualTo("root");
        }
        assertThat(manifest.path("services")).extracting(JsonNode::asText)
                .containsExactly("nats-server", "coturn", "janus", "nextcloud-spreed-signaling", "nginx", "unattended-upgrades", "ssh",
                    "talk-hpb-firewall", "talk-hpb-backends", "talk-hpb-watchdog.timer");
    }

    @Test
    void firewallJsonIsThePortPlan(@TempDir Path out) throws Exception {
        Bundle bundle = Rendered.bundle(MapConfig.valid());
        BundleWriter.write(bundle, out);
        JsonNode rules = JSON.readTree(out.resolve(BundleWriter.FIREWALL).toFile()).path("inbound");

        List<PortRule> plan = bundle.deployment().portPlan().rules();
        assertThat(rules).hasSize(plan.size() + 2);
        for (int i = 0; i < plan.size(); i++) {
            assertThat(rules.get(i).path("protocol").asText()).isEqualTo(plan.get(i).protocol().lower());
            assertThat(rules.get(i).path("ports").asText()).isEqualTo(plan.get(i).ports().toString());
        }
        assertThat(rules.get(plan.size()).toString()).as("path MTU discovery, IPv4")
                .contains("\"protocol\":\"icmp\"", "\"type\":3", "\"code\":4", "0.0.0.0/0");
        assertThat(rules.get(plan.size() + 1).toString()).as("path MTU discovery, IPv6")
                .contains("\"protocol\":\"icmpv6\"", "\"type\":2", "::/0").doesNotContain("code");
    }

    @Test
    void firewallAndDaemonConfigsAgreeOnTheMediaAndTurnPorts() {
        Bundle bundle = Rendered.bundle(MapConfig.valid().with("rtpPortRange", "25000-26999").with("turnPort", "3480"));
        String janus = bundle.file("etc/janus/janus.jcfg").content();
        String coturn = bundle.file("etc/turnserver.conf").content();
        List<String> open = bundle.deployment().portPlan().rules().stream().map(r -> r.protocol() + " " + r.ports()).toList();

        assertThat(janus).contains("rtp_port_range = \"25000-26999\"");
        assertThat(coturn).contains("listening-port=3480");
        assertThat(open).contains("UDP 25000-26999", "UDP 3480", "TCP 3480");
    }
}
