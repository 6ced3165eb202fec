package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.MediaNodeScripts;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.PlanModel;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProgramRun.Registration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Media nodes under the SDK's mock engine: 0, 1 and 3 nodes, on Hetzner and on AWS. */
class MediaNodesProgramTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COMMAND = "command:remote:Command";
    static final String HCLOUD_SERVER = "hcloud:index/server:Server";
    static final String AWS_INSTANCE = "aws:ec2/instance:Instance";

    static MapConfig config(String cloud, int nodes) {
        MapConfig base = MapConfig.ofFixtureStack(cloud.equals("hcloud") ? "prod" : "aws");
        return nodes == 0 ? base : base.with("mediaNodes", Integer.toString(nodes));
    }

    static ProgramRun run(String cloud, int nodes) {
        ProgramRun run = ProgramRun.of(cloud.equals("hcloud") ? "prod" : "aws", config(cloud, nodes));
        assertThat(run.result().exceptions()).as(run.errors()).isEmpty();
        return run;
    }

    static List<String> names(ProgramRun run) {
        return run.registrations().stream().map(r -> r.type() + " " + r.name()).toList();
    }

    static JsonNode stdin(ProgramRun run, String command) throws Exception {
        return JSON.readTree((String) run.one(COMMAND, command).inputs().get("stdin"));
    }

    static String file(JsonNode document, String path) {
        for (JsonNode file : document.path("files")) {
            if (file.path("path").asText().equals(path)) {
                return file.path("content").asText();
            }
        }
        throw new AssertionError("no " + path + " in the bundle");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hcloud", "aws"})
    void withNoMediaNodesTheStackIsExactlyTheSingleHost(String cloud) {
        ProgramRun explicitZero = ProgramRun.of(cloud.equals("hcloud") ? "prod" : "aws", config(cloud, 1).with("mediaNodes", "0"));
        ProgramRun single = run(cloud, 0);

        assertThat(explicitZero.registrations()).extracting(r -> r.toString() + " " + r.inputs())
                .containsExactlyInAnyOrderElementsOf(single.registrations().stream().map(r -> r.toString() + " " + r.inputs()).toList());
        assertThat(names(single)).noneMatch(n -> n.contains("media"));
    }

    @ParameterizedTest(name = "{0}, {1} nodes")
    @CsvSource({"hcloud, 1", "hcloud, 3", "aws, 1", "aws, 3"})
    void eachNodeIsAVmWithItsProvisioningStepsBesideOneTokenKeyAndItsOwnProxySessionKeys(String cloud, int nodes) {
        ProgramRun run = run(cloud, nodes);
        String vm = cloud.equals("hcloud") ? HCLOUD_SERVER : AWS_INSTANCE;

        for (int n = 1; n <= nodes; n++) {
            assertThat(names(run)).contains(vm + " media-" + n + "-server",
                    COMMAND + " media-" + n + "-wait-for-cloud-init", COMMAND + " media-" + n + "-configure",
                    COMMAND + " media-" + n + "-health-check",
                    "random:index/randomPassword:RandomPassword media" + n + "ProxyHashKey",
                    "random:index/randomPassword:RandomPassword media" + n + "ProxyBlockKey");
            assertThat(run.one("random:index/randomPassword:RandomPassword", "media" + n + "ProxyHashKey").inputs())
                    .containsEntry("length", 64.0).containsEntry("special", false);
            assertThat(run.one("random:index/randomPassword:RandomPassword", "media" + n + "ProxyBlockKey").inputs()).containsEntry("length", 32.0);
        }
        assertThat(run.ofType(vm)).hasSize(nodes + 1);
        assertThat(run.one("tls:index/privateKey:PrivateKey", "media-token-key-1").inputs())
                .containsEntry("algorithm", "RSA").containsEntry("rsaBits", 2048.0);
        assertThat(run.ofType(COMMAND)).hasSize(3 + 3 * nodes);
    }

    @Test
    void rotatingEverySecretReplacesTheTokenKeyPairAndEveryNodesSessionKeys() {
        ProgramRun before = run("hcloud", 2);
        ProgramRun after = ProgramRun.after(before, "prod", config("hcloud", 2).with("secretsGeneration", "2"));
        Map<String, PlanModel.Change> plan = PlanModel.plan(before, after);

        assertThat(plan.get("tls:index/privateKey:PrivateKey 'media-token-key-1'").kind()).isEqualTo(PlanModel.Kind.DELETE);
        assertThat(plan.get("tls:index/privateKey:PrivateKey 'media-token-key-2'").kind()).isEqualTo(PlanModel.Kind.CREATE);
        for (String key : List.of("media1ProxyHashKey", "media1ProxyBlockKey", "media2ProxyHashKey", "media2ProxyBlockKey")) {
            assertThat(plan.get("random:index/randomPassword:RandomPassword '" + key + "'").kind()).as(key).isEqualTo(PlanModel.Kind.REPLACE);
        }
    }

    @Test
    void onHetznerTheNodesShareAPrivateNetworkWithTheHpbAtFixedAddressesInItsZone() {
        ProgramRun run = run("hcloud", 3);

        assertThat(run.one("hcloud:index/network:Network", "media-network").inputs()).containsEntry("ipRange", "10.77.0.0/16");
        assertThat(run.one("hcloud:index/networkSubnet:NetworkSubnet", "media-subnet").inputs())
                .containsEntry("type", "cloud").containsEntry("networkZone", "eu-central").containsEntry("ipRange", "10.77.0.0/24");
        assertThat(run.ofType("hcloud:index/serverNetwork:ServerNetwork")).extracting(r -> r.name() + " " + r.inputs().get("ip"))
                .containsExactlyInAnyOrder("private-network 10.77.0.2", "media-1-private-network 10.77.0.11", "media-2-private-network 10.77.0.12",
                        "media-3-private-network 10.77.0.13");
        Map<String, Object> hpb = run.one(HCLOUD_SERVER, "server").inputs();
        for (int n = 1; n <= 3; n++) {
            Map<String, Object> node = run.one(HCLOUD_SERVER, "media-" + n + "-server").inputs();
            assertThat(node).containsEntry("image", hpb.get("image")).containsEntry("location", hpb.get("location"))
                    .containsEntry("serverType", hpb.get("serverType")).containsEntry("name", hpb.get("name") + "-media-" + n)
                    .containsEntry("sshKeys", hpb.get("sshKeys")).doesNotContainKey("deleteProtection");
            assertThat((String) node.get("userData")).contains("- nextcloud-spreed-signaling-proxy").doesNotContain("- coturn");
        }
    }

    @Test
    void theNodesFirewallIsExactlyTheModelsNodePlan() {
        ProgramRun run = run("hcloud", 1);
        Deployment d = Deployment.of(SettingsReader.read(config("hcloud", 1)), Topology.PRODUCTION);
        List<PortRule> plan = d.mediaNodePortPlan("10.77.0.2").rules();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) run.one("hcloud:index/firewall:Firewall", "media-firewall")
                .inputs().get("rules");

        assertThat(rules).hasSize(plan.size() + 1);
        for (int i = 0; i < plan.size(); i++) {
            assertThat(rules.get(i)).containsEntry("protocol", plan.get(i).protocol().lower())
                    .containsEntry("port", plan.get(i).ports().toString()).containsEntry("sourceIps", plan.get(i).sourceCidrs());
        }
        assertThat(rules).extracting(r -> r.get("port")).containsExactly("22", "9090", "20000-40000", null);
        assertThat(run.one("hcloud:index/firewall:Firewall", "firewall").inputs())
                .isEqualTo(run(("hcloud"), 0).one("hcloud:index/firewall:Firewall", "firewall").inputs());
    }

    @Test
    void onAwsTheNodesGroupAdmitsTheProxyFromTheHpbsGroupOnlyAndTheNodesRunInTheHpbsSubnet() {
        ProgramRun run = run("aws", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ingress = (List<Map<String, Object>>) run.one("aws:ec2/securityGroup:SecurityGroup", "media-firewall")
                .inputs().get("ingress");
        String hpbGroup = run.state(run.one("aws:ec2/securityGroup:SecurityGroup", "firewall")).orElseThrow().id();

        assertThat(ingress).filteredOn(r -> r.get("fromPort") instanceof Number port && port.intValue() == 9090).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("securityGroups", List.of(hpbGroup)).doesNotContainKey("cidrBlocks"));
        assertThat(ingress).extracting(r -> ((Number) r.get("fromPort")).intValue() + "-" + ((Number) r.get("toPort")).intValue())
                .contains("22-22", "20000-40000").doesNotContain("443-443", "3478-3478", "80-80");
        Map<String, Object> hpb = run.one(AWS_INSTANCE, "server").inputs();
        for (int n = 1; n <= 2; n++) {
            Map<String, Object> node = run.one(AWS_INSTANCE, "media-" + n + "-server").inputs();
            assertThat(node).containsEntry("associatePublicIpAddress", true).containsEntry("keyName", hpb.get("keyName"))
                    .doesNotContainKey("disableApiTermination");
            assertThat(node.get("subnetId")).isEqualTo(hpb.get("subnetId"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hcloud, 10.77.0.2, 10.77.0.1", "aws, 172.31.16.10, 172.31.16.2"})
    void theHpbsSignalingServerUsesEveryNodesProxyOnItsPrivateAddressAndEachNodeTrustsTheHpbAlone(String cloud, String hpbPrivate,
            String nodePrivatePrefix) throws Exception {
        ProgramRun run = run(cloud, 3);
        JsonNode hpb = stdin(run, "configure");
        String serverConf = file(hpb, "/etc/nextcloud-spreed-signaling/server.conf");
        String tokenKey = file(hpb, "/etc/nextcloud-spreed-signaling/media-token.key");

        assertThat(serverConf).contains("type = proxy", "token_id = talk-hpb",
                "url = " + String.join(" ", IntStream.rangeClosed(1, 3).mapToObj(n -> "http://" + nodePrivatePrefix + n + ":9090").toList()));
        assertThat(tokenKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        for (int n = 1; n <= 3; n++) {
            JsonNode node = stdin(run, "media-" + n + "-configure");
            assertThat(file(node, "/etc/nextcloud-spreed-signaling/proxy.conf")).contains("listen = " + nodePrivatePrefix + n + ":9090",
                    "name = media-" + n, "talk-hpb = /etc/nextcloud-spreed-signaling/media-token.pub");
            assertThat(file(node, "/etc/nextcloud-spreed-signaling/media-token.pub")).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(file(node, "/etc/talk-hpb/firewall.nft")).contains("ip saddr { " + hpbPrivate + "/32 } tcp dport 9090 accept");
            assertThat(node.toString()).as("the token's private key stays on the HPB").doesNotContain(tokenKey.lines().skip(1).findFirst().orElseThrow())
                    .doesNotContain((String) run.output("turnSecret")).doesNotContain((String) run.output("internalSecret"));
            Map<String, Object> configure = run.one(COMMAND, "media-" + n + "-configure").inputs();
            Deployment d = Deployment.of(SettingsReader.read(config(cloud, 3)), Topology.PRODUCTION);
            String drain = new MediaNodeScripts(d, d.mediaNodes().get(n - 1)).drain();
            assertThat(drain).contains("drain-media-node.sh' 'media-" + n + "' '1800' ");
            assertThat(configure.get("delete")).isEqualTo(ProvisioningScripts.asRoot(d.machine().sshUser(), drain));
            for (String text : List.of("create", "update", "delete")) {
                assertThat((String) configure.get(text)).doesNotContain(tokenKey.lines().skip(1).findFirst().orElseThrow());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hcloud", "aws"})
    void addingANodeChangesNothingOnTheHpbButItsSignalingServersProxyListInPlace(String cloud) throws Exception {
        String stack = cloud.equals("hcloud") ? "prod" : "aws";
        ProgramRun one = run(cloud, 1);
        ProgramRun two = ProgramRun.after(one, stack, config(cloud, 2));
        Map<String, PlanModel.Change> plan = PlanModel.plan(one, two);

        plan.forEach((resource, change) -> {
            if (resource.contains("media-2") || resource.contains("media2")) {
                assertThat(change.kind()).as(resource).isEqualTo(PlanModel.Kind.CREATE);
            } else if (resource.equals(COMMAND + " 'configure'") || resource.equals(COMMAND + " 'health-check'")) {
                assertThat(change.kind()).as(resource).isEqualTo(PlanModel.Kind.UPDATE);
            } else {
                assertThat(change.kind()).as(resource).isEqualTo(PlanModel.Kind.SAME);
            }
        });
        JsonNode before = stdin(one, "configure");
        JsonNode after = stdin(two, "configure");
        List<String> changedFiles = new java.util.ArrayList<>();
        for (int i = 0; i < after.path("files").size(); i++) {
            if (!after.path("files").get(i).equals(before.path("files").get(i))) {
                changedFiles.add(after.path("files").get(i).path("path").asText());
            }
        }
        assertThat(changedFiles).containsExactly("/etc/nextcloud-spreed-signaling/server.conf");
        String serverConf = "/etc/nextcloud-spreed-signaling/server.conf";
        List<String> beforeLines = file(before, serverConf).lines().toList();
        assertThat(file(after, serverConf).lines().filter(line -> !beforeLines.contains(line)).toList()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("url = http://").contains(":9090 http://"));
    }

    @Test
    void theHpbsHealthCheckWaitsForEveryNodesAndTheOutputsListTheNodesWithoutSecrets() {
        ProgramRun run = run("hcloud", 2);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) run.output("mediaNodes");
        assertThat(nodes).extracting(n -> n.get("name") + " " + n.get("publicIpv4") + " " + n.get("proxyUrl"))
                .containsExactly("media-1 " + ProgramRun.MEDIA_NODE_IPV4_PREFIX + "21 http://10.77.0.11:9090",
                        "media-2 " + ProgramRun.MEDIA_NODE_IPV4_PREFIX + "22 http://10.77.0.12:9090");
        assertThat(run.isSecret("mediaNodes")).isFalse();
        assertThatThrownBy(() -> run("hcloud", 0).output("mediaNodes")).as("no such output without nodes")
                .hasMessageContaining("no stack output mediaNodes");
    }
}
