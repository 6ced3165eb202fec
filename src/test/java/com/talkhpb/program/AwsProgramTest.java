package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.cli.TalkHpbCommand;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.PortRule;
import com.talkhpb.model.Topology;
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

/** The committed AWS example stack under the SDK's mock engine: the same HPB as on Hetzner, on EC2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsProgramTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String INSTANCE = "aws:ec2/instance:Instance";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    static final String COMMAND = "command:remote:Command";

    MapConfig awsConfig;
    ProgramRun aws;

    @BeforeAll
    void runAwsStack() {
        awsConfig = MapConfig.ofFixtureStack("aws");
        aws = ProgramRun.of("aws", awsConfig);
        assertThat(aws.result().exceptions()).as(aws.errors()).isEmpty();
    }

    @Test
    void createsTheInstanceItsAddressFirewallDnsAndTheSameSecretsAndProvisioningAsOnHetzner() {
        assertThat(aws.registrations()).extracting(r -> r.type() + " " + r.name()).contains(
                "pulumi:providers:aws aws",
                "tls:index/privateKey:PrivateKey deploy-key",
                "aws:ec2/keyPair:KeyPair deploy-key",
                "aws:ec2/securityGroup:SecurityGroup firewall",
                "aws:ec2/instance:Instance server",
                "aws:ec2/eip:Eip ipv4",
                "aws:ec2/eipAssociation:EipAssociation ipv4",
                "aws:route53/record:Record dns-a",
                "aws:ec2/eipDomainName:EipDomainName rdns-ipv4",
                "command:remote:Command wait-for-cloud-init",
                "command:remote:Command configure",
                "command:remote:Command health-check");
        assertThat(aws.registrations()).noneMatch(r -> r.type().startsWith("hcloud:"));
        assertThat(aws.ofType("aws:route53/record:Record")).as("no IPv6 in the default VPC: the domain's and the TURN name's A")
                .extracting(r -> r.inputs().get("name") + " " + r.inputs().get("type"))
                .containsExactlyInAnyOrder("hpb.example.com A", "turn.hpb.example.com A");

        ProgramRun hetzner = ProgramRun.of("prod", MapConfig.ofFixtureStack("prod"));
        assertThat(names(aws, "random:index/randomPassword:RandomPassword"))
                .isEqualTo(names(hetzner, "random:index/randomPassword:RandomPassword"));
        assertThat(names(aws, COMMAND)).isEqualTo(names(hetzner, COMMAND));
    }

    private static List<String> names(ProgramRun run, String type) {
        return run.ofType(type).stream().map(Registration::name).sorted().toList();
    }

    @Test
    void theRegionComesFromTheStackAndEveryResourceIsTaggedWithIt() {
        Map<String, Object> provider = aws.one("pulumi:providers:aws", "aws").inputs();

        assertThat(provider).containsEntry("region", "eu-central-1");
        assertThat(String.valueOf(provider.get("defaultTags"))).contains("app", "talk-hpb", "stack", "aws");
    }

    @Test
    void theInstanceRunsTheNewestDebian12AmiWithImdsV2AnEncryptedGp3VolumeAndProtection() {
        Map<String, Object> instance = aws.one(INSTANCE, "server").inputs();

        assertThat(instance).containsEntry("ami", ProgramRun.DEBIAN_AMI).containsEntry("instanceType", "t3.medium")
                .containsEntry("keyName", "talk-hpb-aws-deploy").containsEntry("userDataReplaceOnChange", true)
                .containsEntry("disableApiTermination", true).doesNotContainKey("ipv6AddressCount")
                .doesNotContainKey("subnetId");
        assertThat(instance.get("metadataOptions")).isEqualTo(Map.of("httpEndpoint", "enabled", "httpTokens", "required",
                "httpPutResponseHopLimit", 1.0));
        assertThat(instance.get("rootBlockDevice")).isEqualTo(Map.of("volumeType", "gp3", "volumeSize", 20.0,
                "encrypted", true, "deleteOnTermination", true));

        Registration lookup = aws.invokes().stream().filter(i -> i.type().equals("aws:ec2/getAmi:getAmi")).findFirst().orElseThrow();
        assertThat(lookup.inputs()).containsEntry("owners", List.of("136693071363")).containsEntry("mostRecent", true);
        assertThat(String.valueOf(lookup.inputs().get("filters"))).contains("debian-12-amd64-*", "x86_64");
    }

    @Test
    void theLookedUpDebianAmiIsKeptOnceTheInstanceExistsSoANewerReleaseNeverReplacesTheServer() {
        Registration instance = aws.one(INSTANCE, "server");

        assertThat(instance.options().ignoreChanges()).as("options of %s", instance).containsExactly("ami");
        assertThat(instance.options().protect()).isTrue();
        assertThat(aws.output("serverImage")).isEqualTo(ProgramRun.DEBIAN_AMI);
    }

    @Test
    void anExplicitAmiIsUsedAsGivenWithoutASearchForTheNewestAndAnotherOneReplacesTheInstance() {
        ProgramRun pinned = ProgramRun.of("aws", awsConfig.with("image", ProgramRun.OTHER_X86_AMI));
        Registration instance = pinned.one(INSTANCE, "server");

        assertThat(instance.inputs()).containsEntry("ami", ProgramRun.OTHER_X86_AMI);
        assertThat(instance.options().ignoreChanges()).as("an explicit AMI is not ignored: another one replaces the instance").isEmpty();
        assertThat(pinned.invokes()).filteredOn(i -> i.type().equals("aws:ec2/getAmi:getAmi"))
                .as("only the architecture check, by id").singleElement()
                .satisfies(lookup -> assertThat(String.valueOf(lookup.inputs().get("filters"))).contains("image-id", ProgramRun.OTHER_X86_AMI)
                        .doesNotContain("debian-12-amd64-*"));
        assertThat(pinned.output("serverImage")).isEqualTo(ProgramRun.OTHER_X86_AMI);
    }

    @Test
    void anAmiOfAnotherArchitectureThanTheInstanceTypeStopsTheRunNamingBothSettings() {
        ProgramRun mismatch = ProgramRun.of("aws", awsConfig.with("image", ProgramRun.OTHER_ARM64_AMI));

        assertThat(mismatch.errors()).contains("talk-hpb:image " + ProgramRun.OTHER_ARM64_AMI + " is an arm64 image",
                "talk-hpb:serverType t3.medium runs x86_64", "choose an arm64 instance type");
    }

    @Test
    void aGravitonTypeGetsTheArm64DebianAmi() {
        ProgramRun graviton = ProgramRun.of("aws", awsConfig.with("serverType", "t4g.medium"));

        assertThat(graviton.errors()).isEmpty();
        assertThat(graviton.one(INSTANCE, "server").inputs()).containsEntry("ami", ProgramRun.DEBIAN_ARM64_AMI);
    }

    @Test
    void theSecurityGroupHasANamePrefixAndADescriptionThatNoSettingChangesSoItIsNeverReplacedForOne() {
        Map<String, Object> group = aws.one(SECURITY_GROUP, "firewall").inputs();
        Map<String, Object> otherDomain = ProgramRun.of("aws", awsConfig.with("domain", "talk.example.org")
                .with("dnsZone", "example.org")).one(SECURITY_GROUP, "firewall").inputs();

        assertThat(group).doesNotContainKey("name").containsEntry("namePrefix", "talk-hpb-aws-");
        assertThat(otherDomain.get("description")).as("description is replace-on-change").isEqualTo(group.get("description"));
    }

    @Test
    void securityGroupIngressIsExactlyThePortPlanWithSshOnlyFromTheConfiguredSources() {
        Deployment d = Deployment.of(SettingsReader.read(awsConfig), Topology.PRODUCTION);
        Map<String, Object> group = aws.one(SECURITY_GROUP, "firewall").inputs();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ingress = (List<Map<String, Object>>) group.get("ingress");

        assertThat(ingress).as("the port plan, then ICMP for IPv4 only (this group has no IPv6)").hasSize(d.portPlan().rules().size() + 1);
        for (int i = 0; i < d.portPlan().rules().size(); i++) {
            PortRule expected = d.portPlan().rules().get(i);
            assertThat(ingress.get(i)).as("rule %d", i)
                    .containsEntry("protocol", expected.protocol().lower())
                    .containsEntry("fromPort", (double) expected.ports().min())
                    .containsEntry("toPort", (double) expected.ports().max())
                    .containsEntry("cidrBlocks", expected.sourceCidrs().stream().filter(c -> !c.contains(":")).toList())
                    .containsEntry("ipv6CidrBlocks", List.of());
        }
        assertThat(ingress.get(0)).containsEntry("fromPort", 22.0).containsEntry("cidrBlocks", List.of("198.51.100.7/32"));
        assertThat(ingress.get(ingress.size() - 1)).as("path MTU discovery: type 3 (unreachable) code 4 (fragmentation needed)")
                .containsEntry("protocol", "icmp").containsEntry("fromPort", 3.0).containsEntry("toPort", 4.0)
                .containsEntry("cidrBlocks", List.of("0.0.0.0/0"));
        assertThat(group).doesNotContainKey("vpcId");
    }

    @Test
    void inASubnetWithIpv6TheGroupJoinsItsVpcAndIpv6IsOpenedAndPublished() {
        ProgramRun inSubnet = ProgramRun.of("aws", awsConfig.with("subnetId", "subnet-0123456789abcdef0").with("ipv6", "true"));
        Map<String, Object> group = inSubnet.one(SECURITY_GROUP, "firewall").inputs();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ingress = (List<Map<String, Object>>) group.get("ingress");

        assertThat(group).containsEntry("vpcId", ProgramRun.AWS_VPC);
        assertThat(inSubnet.one(INSTANCE, "server").inputs()).containsEntry("subnetId", "subnet-0123456789abcdef0")
                .containsEntry("ipv6AddressCount", 1.0);
        assertThat(ingress.get(2)).as("HTTPS").containsEntry("ipv6CidrBlocks", List.of("::/0"));
        assertThat(ingress.get(0)).as("SSH").containsEntry("ipv6CidrBlocks", List.of());
        assertThat(ingress.get(ingress.size() - 1)).as("path MTU discovery on IPv6: packet too big, any code")
                .containsEntry("protocol", "icmpv6").containsEntry("fromPort", 2.0).containsEntry("toPort", -1.0)
                .containsEntry("ipv6CidrBlocks", List.of("::/0")).containsEntry("cidrBlocks", List.of());
        assertThat(inSubnet.output("publicIpv6")).isEqualTo("2001:db8:aws::10");
        assertThat(inSubnet.ofType("aws:route53/record:Record")).extracting(r -> r.inputs().get("type"))
                .containsExactlyInAnyOrder("A", "AAAA", "A", "AAAA");
    }

    @Test
    void provisioningLogsInAsAdminAtTheElasticIpAndBecomesRootWithSudo() {
        Map<String, Object> configure = aws.one(COMMAND, "configure").inputs();
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) configure.get("connection");

        assertThat(connection).containsEntry("user", "admin").containsEntry("host", ProgramRun.AWS_ELASTIC_IP);
        assertThat((String) configure.get("create")).startsWith("exec sudo -n bash -c ");
    }

    @Test
    void janusAndCoturnAnnounceTheElasticIpInPlaceOfThePrivateAddress() throws Exception {
        JsonNode document = JSON.readTree((String) aws.one(COMMAND, "configure").inputs().get("stdin"));
        String janus = null;
        String coturn = null;
        for (JsonNode file : document.path("files")) {
            switch (file.path("path").asText()) {
                case "/etc/janus/janus.jcfg" -> janus = file.path("content").asText();
                case "/etc/turnserver.conf" -> coturn = file.path("content").asText();
                default -> { }
            }
        }

        assertThat(janus).contains("nat_1_1_mapping = \"" + ProgramRun.AWS_ELASTIC_IP + "\"");
        assertThat(coturn).contains("external-ip=" + ProgramRun.AWS_ELASTIC_IP + "/" + ProgramRun.AWS_PRIVATE_IP)
                .contains("allowed-peer-ip=" + ProgramRun.AWS_ELASTIC_IP);
    }

    @Test
    void userDataIsExactlyWhatRenderWritesAndHoldsNoSecret(@TempDir Path out) throws Exception {
        int status = new CommandLine(new TalkHpbCommand()).execute("render", "--stack", "aws", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.toString());
        String userData = (String) aws.one(INSTANCE, "server").inputs().get("userData");

        assertThat(status).isZero();
        assertThat(userData).isEqualTo(Files.readString(out.resolve("cloud-init/user-data.yaml")));
        assertThat(userData).doesNotContain((String) aws.output("turnSecret"));
        @SuppressWarnings("unchecked")
        Map<String, String> shared = (Map<String, String>) aws.output("sharedSecrets");
        shared.values().forEach(secret -> assertThat(userData).doesNotContain(secret));
    }

    @Test
    void outputsAreTheSameAsOnHetznerWithTheElasticIpAndSecretsStaySecret() {
        assertThat(aws.output("publicIpv4")).isEqualTo(ProgramRun.AWS_ELASTIC_IP);
        assertThat(aws.result().outputs()).doesNotContainKey("publicIpv6");
        assertThat(aws.output("signalingUrl")).isEqualTo("https://hpb.example.com/standalone-signaling/");
        assertThat(List.of("sharedSecrets", "turnSecret", "internalSecret", "occCommands", "deployPrivateKey"))
                .allSatisfy(name -> assertThat(aws.isSecret(name)).as(name).isTrue());
        assertThat(List.of("publicIpv4", "signalingUrl", "turnServers", "stunServers", "firewall"))
                .allSatisfy(name -> assertThat(aws.isSecret(name)).as(name).isFalse());
    }

    @Test
    void aTestStackIsNotProtected() {
        ProgramRun test = ProgramRun.of("aws-test", awsConfig.with("protect", "false"));

        assertThat(test.one(INSTANCE, "server").inputs()).containsEntry("disableApiTermination", false);
    }
}
