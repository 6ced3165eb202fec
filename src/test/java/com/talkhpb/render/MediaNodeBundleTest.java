package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.SecretRef;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HPB's bundle with media nodes, and a media node's own bundle. */
class MediaNodeBundleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HPB_PRIVATE = "10.77.0.2";
    static final List<HostFacts.NodeAddresses> NODES = List.of(
            new HostFacts.NodeAddresses("203.0.113.21", "10.77.0.11"),
            new HostFacts.NodeAddresses("203.0.113.22", "10.77.0.12"),
            new HostFacts.NodeAddresses("203.0.113.23", "10.77.0.13"));

    static Deployment withNodes(int count) {
        return Rendered.deployment(MapConfig.valid()).withMediaNodes(count);
    }

    static Bundle hpb(int count) {
        return Bundle.render(withNodes(count), new HostFacts(Rendered.PUBLIC_IPV4).withPrivateNetwork(HPB_PRIVATE, NODES.subList(0, count)),
                Rendered.secrets());
    }

    static Bundle node(int number) {
        Deployment d = withNodes(3);
        HostFacts.NodeAddresses own = NODES.get(number - 1);
        return Bundle.renderMediaNode(d, d.mediaNodes().get(number - 1),
                new HostFacts(own.publicIpv4()).withPrivateNetwork(own.privateIpv4(), List.of()), HPB_PRIVATE, Rendered.secrets());
    }

    static String text(Bundle bundle) {
        return bundle.files().stream().map(BundleFile::content).reduce("", String::concat) + bundle.userData();
    }

    @Test
    void withoutNodesTheHpbsBundleIsExactlyTodaysSingleHost() {
        Bundle today = Rendered.bundle(MapConfig.valid());
        Bundle none = Bundle.render(withNodes(0), new HostFacts(Rendered.PUBLIC_IPV4), Rendered.secrets());

        assertThat(BundleWriter.installDocument(none)).isEqualTo(BundleWriter.installDocument(today));
    }

    @Test
    void theSignalingServerUsesTheProxiesOfEveryNodeInOrderWithTheTokenKeyAndOnlyTheirListIsReloadable() throws Exception {
        Bundle bundle = hpb(3);
        BundleFile conf = bundle.file("etc/nextcloud-spreed-signaling/server.conf");
        Map<String, String> mcu = Rendered.ini(conf.content()).get("mcu");

        assertThat(mcu).containsExactly(Map.entry("type", "proxy"),
                Map.entry("url", "http://10.77.0.11:9090 http://10.77.0.12:9090 http://10.77.0.13:9090"),
                Map.entry("token_id", Deployment.MEDIA_TOKEN_ID),
                Map.entry("token_key", "/etc/nextcloud-spreed-signaling/media-token.key"));
        assertThat(conf.reloadableKey()).contains("mcu.url");
        List<String> reloadable = new java.util.ArrayList<>();
        for (JsonNode entry : JSON.readTree(BundleWriter.installDocument(bundle)).path("files")) {
            if (entry.has("reloadableKey")) {
                reloadable.add(entry.path("path").asText() + " " + entry.path("reloadableKey").asText());
            }
        }
        assertThat(reloadable).containsExactly("/etc/nextcloud-spreed-signaling/server.conf mcu.url");
    }

    @Test
    void theTokensPrivateKeyIsOnTheHpbOnlyReadableByTheSignalingServerAndItsPublicKeyOnEveryNode() {
        BundleFile privateKey = hpb(2).file("etc/nextcloud-spreed-signaling/media-token.key");
        String secret = Rendered.secrets().valueOf(Deployment.MEDIA_TOKEN_KEY);

        assertThat(privateKey.content()).startsWith("-----BEGIN PRIVATE KEY-----").isEqualTo(secret);
        assertThat(List.of(privateKey.mode(), privateKey.owner(), privateKey.group(), privateKey.secret()))
                .containsExactly("0640", "root", "_signaling", true);
        for (int n = 1; n <= 3; n++) {
            assertThat(text(node(n))).doesNotContain(secret.lines().skip(1).findFirst().orElseThrow());
            BundleFile publicKey = node(n).file("etc/nextcloud-spreed-signaling/media-token.pub");
            assertThat(publicKey.content()).isEqualTo(Rendered.secrets().valueOf(Deployment.MEDIA_TOKEN_PUBLIC_KEY))
                    .startsWith("-----BEGIN PUBLIC KEY-----");
        }
    }

    @Test
    void coturnRelaysToNodesOnPublicAddressesWithoutAnyNewLineSoANodeChangeNeverRestartsIt() {
        List<String> before = Rendered.file(MapConfig.valid(), "etc/turnserver.conf").lines().toList();
        Bundle bundle = Bundle.render(withNodes(2), new HostFacts(Rendered.PUBLIC_IPV4).withPrivateNetwork(HPB_PRIVATE, List.of(
                new HostFacts.NodeAddresses("5.75.130.21", "10.77.0.11"), new HostFacts.NodeAddresses("5.75.130.22", "10.77.0.12"))),
                Rendered.secrets());

        assertThat(bundle.file("etc/turnserver.conf").content().lines().toList()).isEqualTo(before);
    }

    @Test
    void coturnMayRelayToNodesInADeniedRangeAndNothingElseNew() {
        List<String> before = Rendered.file(MapConfig.valid(), "etc/turnserver.conf").lines().toList();
        List<String> after = hpb(2).file("etc/turnserver.conf").content().lines().toList();

        assertThat(after.stream().filter(line -> !before.contains(line)).toList()).containsExactly(
                "# And to the media nodes, whose Janus carries the calls.",
                "allowed-peer-ip=203.0.113.21", "allowed-peer-ip=203.0.113.22");
        assertThat(before.stream().filter(line -> !after.contains(line)).toList()).isEmpty();
    }

    @Test
    void aNodeRunsJanusAndTheProxyOnItsPrivateAddressWithSessionKeysOfItsOwnAndNoSecretOfTheHpb() {
        Bundle bundle = node(2);
        Map<String, Map<String, String>> proxy = Rendered.ini(bundle.file("etc/nextcloud-spreed-signaling/proxy.conf").content());
        MediaNode node = withNodes(3).mediaNodes().get(1);

        assertThat(proxy.get("http")).containsEntry("listen", "10.77.0.12:9090");
        assertThat(proxy.get("app")).containsEntry("name", "media-2").containsEntry("tokentype", "static");
        assertThat(proxy.get("tokens")).containsExactly(Map.entry(Deployment.MEDIA_TOKEN_ID, "/etc/nextcloud-spreed-signaling/media-token.pub"));
        assertThat(proxy.get("mcu")).containsExactly(Map.entry("type", "janus"), Map.entry("url", "ws://127.0.0.1:8188"));
        assertThat(proxy.get("sessions")).containsEntry("hashkey", Rendered.secrets().valueOf(node.hashKey()))
                .containsEntry("blockkey", Rendered.secrets().valueOf(node.blockKey()));
        assertThat(Rendered.secrets().valueOf(node.hashKey())).hasSize(64)
                .isNotEqualTo(Rendered.secrets().valueOf(withNodes(3).mediaNodes().get(0).hashKey()));
        String everything = text(bundle);
        Deployment d = withNodes(3);
        for (SecretRef hpbSecret : d.allSecrets()) {
            if (!hpbSecret.equals(node.hashKey()) && !hpbSecret.equals(node.blockKey()) && !hpbSecret.kind().rsaKeyPair()) {
                assertThat(everything).as(hpbSecret.name()).doesNotContain(Rendered.secrets().valueOf(hpbSecret));
            }
        }
        assertThat(bundle.files()).extracting(BundleFile::bundlePath).containsExactly(
                "etc/janus/janus.jcfg", "etc/janus/janus.transport.websockets.jcfg", "etc/janus/janus.plugin.videoroom.jcfg",
                "etc/nextcloud-spreed-signaling/proxy.conf", "etc/nextcloud-spreed-signaling/media-token.pub",
                "etc/apt/apt.conf.d/52talk-hpb-unattended-upgrades", "etc/systemd/system/janus.service.d/talk-hpb.conf",
                "etc/systemd/system/janus.service.d/talk-hpb-restart.conf",
                "etc/systemd/system/nextcloud-spreed-signaling-proxy.service.d/talk-hpb-restart.conf",
                "etc/ssh/sshd_config.d/00-talk-hpb.conf", "etc/ssh/talk-hpb/authorized_keys",
                "etc/talk-hpb/firewall.nft", "etc/systemd/system/talk-hpb-firewall.service",
                "etc/talk-hpb/watchdog.json", "etc/systemd/system/talk-hpb-watchdog.service", "etc/systemd/system/talk-hpb-watchdog.timer");
    }

    @Test
    void aNodesWatchdogLooksAfterItsJanusAndProxyAndTheProxysConnectionToJanus() throws Exception {
        JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper().readTree(node(1).file("etc/talk-hpb/watchdog.json").content());

        assertThat(config.path("units")).extracting(JsonNode::asText).containsExactly("janus", "nextcloud-spreed-signaling-proxy");
        assertThat(config.path("proxy").path("unit").asText()).isEqualTo("nextcloud-spreed-signaling-proxy");
        assertThat(config.path("proxy").path("janus").path("port").asInt()).isEqualTo(8188);
        assertThat(config.has("signaling")).isFalse();
    }

    @Test
    void aNodesFirewallAdmitsItsProxyFromTheHpbsPrivateAddressOnlyAndJanussRangeFromAnywhere() {
        String nft = node(1).file("etc/talk-hpb/firewall.nft").content();

        assertThat(nft).contains("ip saddr { 10.77.0.2/32 } tcp dport 9090 accept", "udp dport 20000-40000 accept", "tcp dport 22 accept")
                .doesNotContain("dport 443", "dport 80 ", "dport 3478");
    }

    @Test
    void aNodesJanusGathersNoCandidateOnThePrivateNetworkAndItsUserDataInstallsTheProxyNotTheServer() {
        Bundle bundle = node(3);

        assertThat(bundle.file("etc/janus/janus.jcfg").content()).contains("ice_ignore_list = \"vmnet,10.77.0.13\"");
        assertThat(bundle.userData()).contains("- nextcloud-spreed-signaling-proxy", "- janus")
                .doesNotContain("- nextcloud-spreed-signaling\n", "- coturn", "- nginx", "- nats-server");
        assertThat(bundle.file("etc/apt/apt.conf.d/52talk-hpb-unattended-upgrades").content())
                .contains("\"nextcloud-spreed-signaling-proxy\";", "\"nextcloud-spreed-signaling-common\";");
    }

    @Test
    void anHpbBundleWithoutTheAddressesOfEveryNodeIsRefused() {
        assertThatThrownBy(() -> Bundle.render(withNodes(3),
                new HostFacts(Rendered.PUBLIC_IPV4).withPrivateNetwork(HPB_PRIVATE, NODES.subList(0, 2)), Rendered.secrets()))
                .hasMessageContaining("3 media nodes but the addresses of 2");
    }
}
