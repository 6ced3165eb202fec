package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.ExistingServerScripts;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProgramRun.Registration;
import com.talkhpb.testing.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A server the admin already has (cloud existing) under the SDK's mock engine: the HPB of the clouds, no cloud resource. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExistingServerProgramTest {
    static final String COMMAND = "command:remote:Command";
    static final String KEY = TestKeys.privateKeyPem();

    MapConfig config;
    ProgramRun existing;
    ProgramRun prod;

    @BeforeAll
    void runStacks() {
        config = MapConfig.ofFixtureStack("existing").with("sshPrivateKey", KEY);
        existing = ProgramRun.of("existing", config);
        assertThat(existing.result().exceptions()).as(existing.errors()).isEmpty();
        prod = ProgramRun.of("prod", MapConfig.ofFixtureStack("prod"));
    }

    @Test
    void createsNoCloudResourceNorKeyOnlyTheSecretsAndTheSameStepsAsOnACloudPreparingTheServerFirst() {
        assertThat(existing.registrations()).extracting(Registration::type)
                .allMatch(type -> type.startsWith("random:") || type.startsWith("command:") || type.startsWith("talk-hpb:")
                        || type.equals("pulumi:pulumi:Stack"));
        assertThat(names(existing, "random:index/randomPassword:RandomPassword"))
                .isEqualTo(names(prod, "random:index/randomPassword:RandomPassword"));
        assertThat(names(existing, COMMAND)).containsExactly("configure", "health-check", "prepare-host");
        assertThat(names(prod, COMMAND)).containsExactly("configure", "health-check", "wait-for-cloud-init");
    }

    @Test
    void everyStepLogsInAtTheGivenAddressAsTheGivenUserWithTheGivenKeyToAServerHoldingTheGivenHostKey() {
        for (String step : List.of("prepare-host", "configure", "health-check")) {
            Map<String, Object> connection = connection(step);
            assertThat(connection).as(step).containsEntry("host", "203.0.113.10").containsEntry("user", "debian")
                    .containsEntry("privateKey", KEY).containsEntry("hostKey", TestKeys.FIXTURE_HOST_KEY);
        }
        assertThat(existing.one(COMMAND, "prepare-host").inputs()).as("the first step carries no secret").doesNotContainKey("stdin");
    }

    @Test
    void thePreparationRunsAsRootThroughSudoOnCreateAndUpdateAndItsDeleteRemovesTheHpb() {
        Deployment d = Deployment.of(SettingsReader.read(config), Topology.PRODUCTION);
        ExistingServerScripts scripts = new ExistingServerScripts(d);
        Map<String, Object> prepare = existing.one(COMMAND, "prepare-host").inputs();

        assertThat(prepare.get("create")).isEqualTo(ProvisioningScripts.asRoot("debian", scripts.prepare()))
                .isEqualTo(prepare.get("update"));
        assertThat((String) prepare.get("create")).startsWith("exec sudo -n bash -c");
        assertThat(prepare.get("delete")).isEqualTo(ProvisioningScripts.asRoot("debian", scripts.remove()));
        assertThat(prepare.get("triggers")).as("a new address is a new server").isEqualTo(List.of("203.0.113.10"));
    }

    @Test
    void noStepTextHoldsASecretOrTheKey() {
        Map<String, String> shared = HpbProgramTest.sharedSecrets(existing);
        for (Registration step : existing.ofType(COMMAND)) {
            for (String text : List.of("create", "update", "delete")) {
                String value = String.valueOf(step.inputs().get(text));
                shared.values().forEach(secret -> assertThat(value).as(step.name() + " " + text).doesNotContain(secret));
                assertThat(value).doesNotContain((String) existing.output("turnSecret")).doesNotContain("PRIVATE KEY");
            }
        }
    }

    @Test
    void outputsAreTheCloudsWithTheServersAddressesAndWithoutExportingTheAdminsOwnKey() {
        assertThat(existing.output("publicIpv4")).isEqualTo("203.0.113.10");
        assertThat(existing.output("publicIpv6")).isEqualTo("2001:db8::10");
        assertThat(existing.output("signalingUrl")).isEqualTo(prod.output("signalingUrl"));
        assertThat(existing.output("turnServers")).isEqualTo(prod.output("turnServers"));
        assertThat(existing.output("signalingVersion")).isEqualTo("2.0.2-2");
        for (String secret : List.of("sharedSecrets", "turnSecret", "internalSecret", "occCommands")) {
            assertThat(existing.isSecret(secret)).as(secret).isTrue();
        }
        assertThat(prod.output("deployPrivateKey")).isNotNull();
        assertThat(existing.result().outputs()).doesNotContainKey("deployPrivateKey");
    }

    @Test
    void sshdOnAnotherPortIsWhereEveryStepConnectsWhatTheFirewallsAdmitAndWhatTheSessionCheckExpects() {
        ProgramRun moved = ProgramRun.of("existing", config.with("sshPort", "2222"));
        assertThat(moved.result().exceptions()).as(moved.errors()).isEmpty();

        for (Registration step : moved.ofType(COMMAND)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> connection = (Map<String, Object>) step.inputs().get("connection");
            assertThat(connection).as(step.name()).containsEntry("port", 2222.0);
        }
        assertThat(connection("configure")).as("the default port is not written: no update of existing stacks").doesNotContainKey("port");
        assertThat((List<?>) moved.output("firewall")).first().isEqualTo("tcp 2222 from 198.51.100.7/32");
        String configure = new ProvisioningScripts(Deployment.of(SettingsReader.read(config.with("sshPort", "2222")), Topology.PRODUCTION))
                .configure();
        assertThat(configure).contains("'--ssh-port' '2222' '198.51.100.7/32'");
        assertThat(moved.one(COMMAND, "configure").inputs().get("create")).isEqualTo(ProvisioningScripts.asRoot("debian", configure));
    }

    @Test
    void aStackWithoutAddressOrKeyOrWithCloudSettingsFailsWithTheWholeReportAndRegistersNoResource() {
        ProgramRun run = ProgramRun.of("existing", config.without("hostIpv4").without("sshPrivateKey").with("serverType", "cx23")
                .with("dnsZone", "example.com"));

        assertThat(run.registrations()).isEmpty();
        assertThat(run.errors()).contains("configuration problems; nothing was created", "talk-hpb:hostIpv4",
                "talk-hpb:sshPrivateKey", "talk-hpb:serverType", "talk-hpb:dnsZone");
    }

    private static List<String> names(ProgramRun run, String type) {
        return run.ofType(type).stream().map(Registration::name).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> connection(String step) {
        return (Map<String, Object>) existing.one(COMMAND, step).inputs().get("connection");
    }
}
