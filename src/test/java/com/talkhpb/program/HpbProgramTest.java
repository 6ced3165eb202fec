package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.cli.TalkHpbCommand;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.FixtureStacks;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProgramRun.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Pulumi program under the SDK's mock engine, run on the committed prod stack's config. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HpbProgramTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVER = "hcloud:index/server:Server";
    static final String COMMAND = "command:remote:Command";
    static final String PASSWORD = "random:index/randomPassword:RandomPassword";

    MapConfig prodConfig;
    ProgramRun prod;

    @BeforeAll
    void runProd() {
        prodConfig = MapConfig.ofFixtureStack("prod");
        prod = ProgramRun.of("prod", prodConfig);
        assertThat(prod.result().exceptions()).as(prod.errors()).isEmpty();
    }

    @Test
    void prodStackCreatesTheHostItsSecretsAndTheProvisioningSteps() {
        assertThat(prod.registrations()).extracting(r -> r.type() + " " + r.name()).contains(
                "random:index/randomPassword:RandomPassword hashKey",
                "random:index/randomPassword:RandomPassword blockKey",
                "random:index/randomPassword:RandomPassword internalSecret",
                "random:index/randomPassword:RandomPassword turnApiKey",
                "random:index/randomPassword:RandomPassword turnSecret",
                "random:index/randomPassword:RandomPassword backend-cloud-example-com",
                "tls:index/privateKey:PrivateKey deploy-key",
                "hcloud:index/sshKey:SshKey deploy-key",
                "hcloud:index/primaryIp:PrimaryIp ipv4",
                "hcloud:index/primaryIp:PrimaryIp ipv6",
                "hcloud:index/firewall:Firewall firewall",
                "hcloud:index/server:Server server",
                "hcloud:index/rdns:Rdns rdns-ipv4",
                "hcloud:index/rdns:Rdns rdns-ipv6",
                "command:remote:Command wait-for-cloud-init",
                "command:remote:Command configure",
                "command:remote:Command health-check");
        assertThat(prod.ofType("hcloud:index/zoneRrset:ZoneRrset")).as("no DNS zone configured").isEmpty();
    }

    @Test
    void theServerAndItsAddressesAreProtectedAndAReplacementDeletesTheOldServerFirst() {
        Registration server = prod.one(SERVER, "server");
        assertThat(server.options().protect()).as("options of %s", server).isTrue();
        assertThat(server.options().deleteBeforeReplace()).as("the new server takes the old one's name and primary IPs").contains(true);
        assertThat(server.inputs()).containsEntry("deleteProtection", true).containsEntry("rebuildProtection", true);
        for (Registration ip : prod.ofType("hcloud:index/primaryIp:PrimaryIp")) {
            assertThat(ip.options().protect()).as("options of %s", ip).isTrue();
        }
        assertThat(prod.ofType(COMMAND)).as("the steps only run commands: a server's replacement must be able to replace them")
                .noneMatch(step -> step.options().protect());
    }

    @Test
    void noSecretGoesToAnUnverifiedHostTheFirstStepLearnsTheHostKeyAndEveryLaterStepRequiresIt() {
        assertThat(connection("wait-for-cloud-init")).as("the first step carries no secret and pins nothing").doesNotContainKey("hostKey");
        assertThat(prod.one(COMMAND, "wait-for-cloud-init").inputs()).doesNotContainKey("stdin");
        for (String step : List.of("configure", "health-check")) {
            assertThat(connection(step)).as(step).containsEntry("hostKey", ProgramRun.HOST_KEY);
            assertThat(prod.one(COMMAND, step).inputs()).as(step + " carries secrets").containsKey("stdin");
        }
    }

    @Test
    void theHealthOutputsAreNotSecretThoughTheStepsInputsAre() {
        for (String output : List.of("signalingVersion", "signalingFeatures", "missingOptionalFeatures")) {
            assertThat(prod.isSecret(output)).as(output).isFalse();
        }
        assertThat(prod.output("signalingVersion")).isEqualTo("2.0.2-2");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> connection(String step) {
        return (Map<String, Object>) prod.one(COMMAND, step).inputs().get("connection");
    }

    @Test
    void serverRunsDebian12WithThePlacementOfTheStackAndProtection() {
        Map<String, Object> server = prod.one(SERVER, "server").inputs();

        assertThat(server).containsEntry("serverType", "cx23").containsEntry("location", "nbg1")
                .containsEntry("image", "debian-12").containsEntry("name", "talk-hpb-prod")
                .containsEntry("deleteProtection", true).containsEntry("rebuildProtection", true);
        assertThat(prod.one("hcloud:index/primaryIp:PrimaryIp", "ipv4").inputs())
                .containsEntry("autoDelete", false).containsEntry("deleteProtection", true).containsEntry("type", "ipv4");
    }

    @Test
    void userDataIsExactlyWhatRenderWritesForTheStack(@TempDir Path out) throws Exception {
        int status = new CommandLine(new TalkHpbCommand()).execute("render", "--stack", "prod", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.toString());

        assertThat(status).isZero();
        assertThat(prod.one(SERVER, "server").inputs().get("userData"))
                .isEqualTo(Files.readString(out.resolve("cloud-init/user-data.yaml")));
    }

    @Test
    void userDataHoldsNoSecretValue() {
        String userData = (String) prod.one(SERVER, "server").inputs().get("userData");
        Map<String, String> sharedSecrets = sharedSecrets(prod);

        assertThat(sharedSecrets).isNotEmpty();
        sharedSecrets.values().forEach(secret -> assertThat(userData).doesNotContain(secret));
        assertThat(userData).doesNotContain((String) prod.output("turnSecret"));
    }

    @Test
    void firewallRulesAreExactlyThePortPlanWithSshOnlyFromTheConfiguredSources() {
        Deployment d = Deployment.of(SettingsReader.read(prodConfig), com.talkhpb.model.Topology.PRODUCTION);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) prod.one("hcloud:index/firewall:Firewall", "firewall")
                .inputs().get("rules");

        assertThat(rules).hasSize(d.portPlan().rules().size() + 1);
        for (int i = 0; i < d.portPlan().rules().size(); i++) {
            PortRule expected = d.portPlan().rules().get(i);
            assertThat(rules.get(i)).as("rule %d", i).containsEntry("direction", "in")
                    .containsEntry("protocol", expected.protocol().lower())
                    .containsEntry("port", expected.ports().toString())
                    .containsEntry("sourceIps", expected.sourceCidrs());
        }
        assertThat(rules.get(0)).containsEntry("port", "22").containsEntry("sourceIps", List.of("198.51.100.7/32"));
        assertThat(rules.get(rules.size() - 1)).as("ICMP for path MTU discovery; Hetzner selects no ICMP types")
                .containsEntry("protocol", "icmp").containsEntry("sourceIps", List.of("0.0.0.0/0", "::/0"))
                .doesNotContainKey("port");
        assertThat((String) rules.get(rules.size() - 1).get("description")).contains("Path MTU discovery").hasSizeLessThan(256);
    }

    @Test
    void everyGeneratedSecretHasTheModelsLengthIsAlphanumericAndRotatesWithSecretsGeneration() {
        Deployment d = Deployment.of(SettingsReader.read(prodConfig), com.talkhpb.model.Topology.PRODUCTION);
        for (var ref : d.allSecrets()) {
            Map<String, Object> inputs = prod.one(PASSWORD, ref.name()).inputs();
            assertThat(((Number) inputs.get("length")).intValue()).as(ref.name()).isEqualTo(ref.length());
            assertThat(inputs).as(ref.name()).containsEntry("special", false)
                    .containsEntry("keepers", Map.of("secretsGeneration", "1"));
        }
        assertThat(((Number) prod.one(PASSWORD, "blockKey").inputs().get("length")).intValue()).isEqualTo(32);
        assertThat(((Number) prod.one(PASSWORD, "hashKey").inputs().get("length")).intValue()).isEqualTo(64);
    }

    @Test
    void everyOutputHoldingASecretIsSecretAndTheOthersHoldNone() {
        assertThat(List.of("sharedSecrets", "turnSecret", "internalSecret", "occCommands", "deployPrivateKey"))
                .allSatisfy(name -> assertThat(prod.isSecret(name)).as(name + " must be secret").isTrue());
        String turnSecret = (String) prod.output("turnSecret");
        for (String name : List.of("publicIpv4", "publicIpv6", "signalingUrl", "turnServers", "stunServers", "firewall",
                "signalingVersion", "signalingFeatures")) {
            assertThat(prod.isSecret(name)).as(name + " must stay readable").isFalse();
            assertThat(String.valueOf(prod.output(name))).as(name).doesNotContain(turnSecret);
        }
    }

    @Test
    void outputsTellTheAdminWhatToEnterInNextcloud() {
        assertThat(prod.output("signalingUrl")).isEqualTo("https://hpb.example.com/standalone-signaling/");
        assertThat(prod.output("turnServers")).isEqualTo(List.of("turn:hpb.example.com:3478?transport=udp",
                "turn:hpb.example.com:3478?transport=tcp", "turns:turn.hpb.example.com:443?transport=tcp"));
        assertThat(prod.output("publicIpv4")).isEqualTo("198.51.100.10");
        String secret = sharedSecrets(prod).get("https://cloud.example.com");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> occ = (Map<String, List<String>>) prod.output("occCommands");
        assertThat(occ.get("https://cloud.example.com")).containsExactly(
                "occ talk:signaling:add --verify 'https://hpb.example.com/standalone-signaling/' '" + secret + "'",
                "occ talk:turn:add --secret '" + prod.output("turnSecret") + "' 'turn' 'hpb.example.com:3478' 'udp,tcp'",
                "occ talk:turn:add --secret '" + prod.output("turnSecret") + "' 'turns' 'turn.hpb.example.com:443' 'tcp'",
                "occ talk:stun:add 'hpb.example.com:3478'");
        assertThat(prod.output("signalingVersion")).isEqualTo("2.0.2-2");
        assertThat(String.valueOf(prod.output("signalingFeatures"))).contains("federation", "hello-v2");
    }

    @Test
    void theConfigureStepReceivesTheBundleWithSecretsOnStandardInputOnly() throws Exception {
        Map<String, Object> configure = prod.one(COMMAND, "configure").inputs();
        JsonNode document = JSON.readTree((String) configure.get("stdin"));
        String secret = sharedSecrets(prod).get("https://cloud.example.com");

        JsonNode serverConf = null;
        for (JsonNode file : document.path("files")) {
            if (file.path("path").asText().equals("/etc/nextcloud-spreed-signaling/server.conf")) {
                serverConf = file;
            }
        }
        assertThat(serverConf).isNotNull();
        assertThat(serverConf.path("content").asText()).contains("secret = " + secret)
                .contains("secret = " + prod.output("turnSecret"));
        assertThat(document.toString()).contains("allowed-peer-ip=198.51.100.10");
        assertThat((String) configure.get("create")).doesNotContain(secret).contains("install-bundle.sh' < \"$bundle\"");
        assertThat((String) configure.get("create")).startsWith("# talk-hpb configuration sha256:");
        assertThat(configure.get("update")).isEqualTo(configure.get("create"));
    }

    @Test
    void provisioningConnectsAsRootWithTheDeployKey() {
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) prod.one(COMMAND, "configure").inputs().get("connection");

        assertThat(connection).containsEntry("host", "198.51.100.10").containsEntry("user", "root");
        assertThat(connection.get("privateKey")).isEqualTo(prod.output("deployPrivateKey"));
    }

    @Test
    void anExplicitSecretReplacesTheGeneratedOne() throws Exception {
        ProgramRun run = ProgramRun.of("prod", prodConfig.with("blockKey", "K".repeat(32)));

        assertThat(run.ofType(PASSWORD)).extracting(Registration::name).doesNotContain("blockKey").contains("hashKey");
        assertThat((String) run.one(COMMAND, "configure").inputs().get("stdin")).contains("blockkey = " + "K".repeat(32));
    }

    @Test
    void aDnsZoneAddsARecordsForTheDomainAndTheTurnName() {
        ProgramRun run = ProgramRun.of("prod", prodConfig.with("dnsZone", "example.com"));

        assertThat(run.one("hcloud:index/zoneRrset:ZoneRrset", "dns-a").inputs()).containsEntry("zone", "example.com")
                .containsEntry("name", "hpb").containsEntry("type", "A")
                .containsEntry("records", List.of(Map.of("value", "198.51.100.10")));
        assertThat(run.one("hcloud:index/zoneRrset:ZoneRrset", "dns-aaaa").inputs()).containsEntry("type", "AAAA");
        assertThat(run.one("hcloud:index/zoneRrset:ZoneRrset", "dns-turns-a").inputs()).containsEntry("zone", "example.com")
                .containsEntry("name", "turn.hpb").containsEntry("type", "A")
                .containsEntry("records", List.of(Map.of("value", "198.51.100.10")));
        assertThat(run.one("hcloud:index/zoneRrset:ZoneRrset", "dns-turns-aaaa").inputs()).containsEntry("type", "AAAA");

        ProgramRun off = ProgramRun.of("prod", prodConfig.with("dnsZone", "example.com").with("turnsName", "off"));
        assertThat(off.ofType("hcloud:index/zoneRrset:ZoneRrset")).extracting(r -> r.name()).containsExactlyInAnyOrder("dns-a", "dns-aaaa");
    }

    @Test
    void aTestStackIsNotProtectedSoDestroyRemovesEverything() {
        ProgramRun run = ProgramRun.of("test", prodConfig.with("protect", "false").with("ipv6", "false"));

        assertThat(run.one(SERVER, "server").inputs()).containsEntry("deleteProtection", false)
                .containsEntry("name", "talk-hpb-test");
        assertThat(run.one("hcloud:index/primaryIp:PrimaryIp", "ipv4").inputs()).containsEntry("deleteProtection", false);
        assertThat(run.ofType("hcloud:index/primaryIp:PrimaryIp")).extracting(Registration::name).containsExactly("ipv4");
    }

    @Test
    void badStackConfigFailsWithTheWholeReportAndRegistersNoResource() {
        ProgramRun run = ProgramRun.of("prod", prodConfig.with("domain", "https://hpb.example.com").with("blockKey", "short")
                .without("sshSourceCidrs"));

        assertThat(run.registrations()).isEmpty();
        assertThat(run.errors()).contains("configuration problems; nothing was created", "talk-hpb:domain",
                "talk-hpb:blockKey", "talk-hpb:sshSourceCidrs");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> sharedSecrets(ProgramRun run) {
        return (Map<String, String>) run.output("sharedSecrets");
    }
}
