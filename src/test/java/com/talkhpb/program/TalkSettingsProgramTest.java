package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import com.talkhpb.testing.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuring Talk on the Nextcloud servers given with ssh, under the mock engine. */
class TalkSettingsProgramTest {
    static final String COMMAND = "command:remote:Command";
    static final String KEY = TestKeys.privateKeyPem();
    static final MapConfig WIRED = MapConfig.valid()
            .with("nextcloud", "[{\"url\":\"https://cloud.example.com\",\"ssh\":\"deploy@cloud.example.com:2222\",\"sshHostKey\":\"" + TestKeys.HOST_KEY + "\","
                    + "\"occ\":\"docker exec -u www-data nextcloud php occ\"},{\"url\":\"https://by-hand.example.com\"}]")
            .with("nextcloudSshKey", KEY);

    @Test
    void onlyTheNextcloudWithSshIsConfiguredOverSshWithSecretsOnStandardInput() {
        ProgramRun run = ProgramRun.of("prod", WIRED);
        assertThat(run.result().exceptions()).as(run.errors()).isEmpty();

        assertThat(run.ofType(COMMAND)).extracting(r -> r.name()).containsExactlyInAnyOrder("wait-for-cloud-init",
                "configure", "health-check", "talk-settings-backend-cloud-example-com");
        Map<String, Object> inputs = run.one(COMMAND, "talk-settings-backend-cloud-example-com").inputs();
        @SuppressWarnings("unchecked")
        Map<String, String> shared = (Map<String, String>) run.output("sharedSecrets");
        String secret = shared.get("https://cloud.example.com");
        String turnSecret = (String) run.output("turnSecret");

        assertThat(inputs.get("connection")).as("no secret goes to a server that does not hold the given host key")
                .isEqualTo(Map.of("host", "cloud.example.com", "port", 2222.0, "user", "deploy",
                "privateKey", KEY, "hostKey", TestKeys.HOST_KEY, "dialErrorLimit", 10.0, "perDialTimeout", 15.0));
        assertThat(inputs).containsEntry("stdin", secret + "\n" + turnSecret + "\n");
        assertThat((String) inputs.get("create"))
                .contains("'docker' 'exec' '-u' 'www-data' 'nextcloud' 'php' 'occ'")
                .contains("talk:signaling:add --verify 'https://hpb.example.com/standalone-signaling/' \"$shared_secret\"")
                .doesNotContain(secret).doesNotContain(turnSecret);
        assertThat((String) inputs.get("delete")).contains("talk:signaling:delete").doesNotContain(secret);
        assertThat(inputs.get("triggers")).isEqualTo(List.of(inputs.get("create"), inputs.get("delete")));
        assertThat(run.output("talkConfigured")).isEqualTo(List.of("https://cloud.example.com"));
        assertThat(run.isSecret("talkConfigured")).as("the URLs are not secret, though the step's inputs are").isFalse();
    }

    @Test
    void aRotatedSecretReRunsTheStepInPlaceButANewTurnPortReplacesIt() {
        ProgramRun before = ProgramRun.of("prod", WIRED);
        ProgramRun rotated = ProgramRun.of("prod", WIRED.with("secretsGeneration", "2"));
        ProgramRun moved = ProgramRun.of("prod", WIRED.with("turnPort", "3479"));
        String name = "talk-settings-backend-cloud-example-com";

        assertThat(rotated.one(COMMAND, name).inputs().get("triggers")).isEqualTo(before.one(COMMAND, name).inputs().get("triggers"));
        assertThat(rotated.one(COMMAND, name).inputs().get("stdin")).isNotEqualTo(before.one(COMMAND, name).inputs().get("stdin"));
        assertThat(moved.one(COMMAND, name).inputs().get("triggers")).isNotEqualTo(before.one(COMMAND, name).inputs().get("triggers"));
    }

    @Test
    void withoutSshNothingRunsOnNextcloudAndTheCommandsAreExportedForAdmins() {
        ProgramRun run = ProgramRun.of("prod", MapConfig.valid());

        assertThat(run.ofType(COMMAND)).noneMatch(r -> r.name().startsWith("talk-settings"));
        assertThat(run.output("talkConfigured")).isEqualTo(List.of());
        assertThat(run.output("occCommands").toString()).contains("talk:signaling:add --verify");
        assertThat(ProgramRun.of("test", MapConfig.valid().with("tlsMode", "self-signed").without("acmeEmail"))
                .output("occCommands").toString()).contains("talk:signaling:add 'https://").doesNotContain("--verify");
    }
}
