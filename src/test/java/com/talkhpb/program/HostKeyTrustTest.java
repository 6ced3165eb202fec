package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.PlanModel;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.ProgramRun.Registration;
import com.talkhpb.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every SSH target's host key is checked before a secret travels: a VM's learnt exactly once (by its
 * first step, whose text and inputs never change while the machine lives), an existing server's and
 * each Nextcloud's given in the stack.
 */
class HostKeyTrustTest {
    static final String COMMAND = "command:remote:Command";
    static final String WIRED_NEXTCLOUD = "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"root@cloud.example.com\",\"sshHostKey\":\""
            + TestKeys.HOST_KEY + "\"}]";

    static boolean learnsTheKey(Registration step) {
        return step.name().endsWith("wait-for-cloud-init");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> connection(Registration step) {
        return (Map<String, Object>) step.inputs().get("connection");
    }

    @Test
    void noStepButAVmsFirstConnectsWithoutAHostKey() {
        Map<String, MapConfig> stacks = Map.of(
                "hcloud with media nodes", MapConfig.valid().with("mediaNodes", "2"),
                "aws with media nodes", MapConfig.valid().with("cloud", "aws").with("mediaNodes", "1"),
                "existing", MapConfig.valid().with("cloud", "existing").with("hostIpv4", "203.0.113.10")
                        .with("sshPrivateKey", TestKeys.privateKeyPem()).with("sshHostKey", TestKeys.HOST_KEY));
        stacks.forEach((name, stack) -> {
            ProgramRun run = ProgramRun.of("prod", stack.with("nextcloud", WIRED_NEXTCLOUD).with("nextcloudSshKey", TestKeys.privateKeyPem()));
            assertThat(run.result().exceptions()).as(run.errors()).isEmpty();
            List<Registration> steps = run.ofType(COMMAND);
            assertThat(steps).as(name).anyMatch(step -> step.name().startsWith("talk-settings-"));
            for (Registration step : steps) {
                if (learnsTheKey(step) && !name.equals("existing")) {
                    assertThat(connection(step)).as("%s: %s learns the key and carries no secret", name, step)
                            .doesNotContainKey("hostKey");
                    assertThat(step.inputs()).as("%s: %s", name, step).doesNotContainKey("stdin");
                } else {
                    assertThat(connection(step)).as("%s: %s", name, step).containsKey("hostKey");
                    assertThat((String) connection(step).get("hostKey")).as("%s: %s", name, step).startsWith("ssh-ed25519 ");
                }
            }
        });
    }

    @Test
    void noSettingChangesTheStepThatLearnsTheKeyOnlyANewMachineReplacesIt() {
        for (DayTwoPlanTest.Case c : DayTwoPlanTest.cases()) {
            for (String cloud : List.of("hcloud", "aws")) {
                if (c.after(cloud) == null) {
                    continue;
                }
                DayTwoPlanTest.Plan plan = DayTwoPlanTest.plan(cloud, cfg -> c.before().apply(cfg.with("mediaNodes", "1")),
                        cfg -> c.after(cloud).apply(cfg.with("mediaNodes", "1")));
                plan.changes().forEach((resource, change) -> {
                    if (resource.startsWith(COMMAND) && resource.endsWith("wait-for-cloud-init'")) {
                        boolean newMachine = DayTwoPlanTest.NEW_MACHINE.stream().anyMatch(c.change()::startsWith);
                        assertThat(change.kind()).as("%s on %s: %s", c.change(), cloud, resource)
                                .isIn(newMachine ? List.of(PlanModel.Kind.SAME, PlanModel.Kind.REPLACE, PlanModel.Kind.REFUSED, PlanModel.Kind.FAILS)
                                        : List.of(PlanModel.Kind.SAME, PlanModel.Kind.CREATE, PlanModel.Kind.DELETE));
                    }
                });
            }
        }
    }

    @Test
    void theLearningStepsTextIsTheOneEveryStackLearntWith() throws Exception {
        String sha = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ProvisioningScripts.waitForCloudInit().getBytes(StandardCharsets.UTF_8)));
        // If this fails, the change would update this step on every stack and learn each host key again,
        // trusting whoever answers during that run. Put new first-boot work into a later, pinned step.
        assertThat(sha).isEqualTo("sha256:7e81998ad8e7b8bd3920355112c2e6f72a959f0f56c5b2ebe9a15e70f3cc9863");
        assertThat(ProvisioningScripts.waitForCloudInit()).endsWith("cat '/etc/ssh/ssh_host_ed25519_key.pub'\n");
    }
}
