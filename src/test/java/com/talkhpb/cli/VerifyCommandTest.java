package com.talkhpb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    static final String UNRESOLVABLE = "https://nowhere.talk-hpb.test" + Deployment.SIGNALING_PATH;

    @Test
    void aCallNeedsTheInternalSecretAndTheNextcloudItAuthenticatesFor() {
        CliRun run = CliRun.of("verify", "--url", UNRESOLVABLE, "--call");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--call needs --internal-secret-file", "pulumi stack output --show-secrets internalSecret",
                "--nextcloud-url");
    }

    @Test
    void aCallToAnHpbThatCannotBeReachedIsSkippedNotTriedAndFailedAgain(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("internal-secret"), "I".repeat(48));
        CliRun run = CliRun.of("verify", "--url", UNRESOLVABLE, "--call", "--internal-secret-file", secret.toString(),
                "--nextcloud-url", "https://cloud.example.com");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^SKIP  call +needs the HPB reachable")
                .contains("0 passed, 1 failed, 11 skipped");
    }
}
