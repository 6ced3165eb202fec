package com.talkhpb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.render.BundleWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.talkhpb.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static CliRun render(String... args) {
        return CliRun.of(args);
    }

    @Test
    void rendersTheCommittedProdStackWithPlaceholders(@TempDir Path out) throws Exception {
        CliRun run = render("render", "--stack", "prod", "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(out.resolve(BundleWriter.MANIFEST)).exists();
        assertThat(out.resolve(BundleWriter.FIREWALL)).exists();
        assertThat(out.resolve(BundleWriter.USER_DATA)).exists();
        assertThat(Files.readString(out.resolve("etc/turnserver.conf")))
                .contains("static-auth-secret={{secret:turnSecret}}", "allowed-peer-ip={{host:publicIpv4}}");
    }

    @Test
    void sampleSecretsAndAPublicAddressFillThePlaceholders(@TempDir Path out) throws Exception {
        CliRun run = render("render", "--stack", "prod", "--out", out.toString(), "--sample-secrets", "--public-ipv4", "198.51.100.20");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("not for deployment");
        String janus = Files.readString(out.resolve("etc/janus/janus.jcfg"));
        assertThat(janus).contains("turn_rest_api_key = \"").doesNotContain("{{");
        assertThat(Files.readString(out.resolve("etc/turnserver.conf"))).contains("allowed-peer-ip=198.51.100.20");
    }

    @Test
    void badSettingsPrintTheReportAndExitNonZeroWritingNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: talk-hpb\n");
        Files.writeString(dir.resolve("Pulumi.bad.yaml"), "config:\n  talk-hpb:domain: https://hpb.example.com\n  talk-hpb:blockKey: short\n");
        Path out = dir.resolve("out");

        CliRun run = render("render", "--stack", "bad", "--project-dir", dir.toString(), "--out", out.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("configuration problems", "talk-hpb:domain", "talk-hpb:nextcloud",
                "talk-hpb:sshSourceCidrs", "talk-hpb:blockKey", "talk-hpb:acmeEmail");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownStackSaysWhichFileIsMissing(@TempDir Path out) {
        CliRun run = render("render", "--stack", "nosuch", "--out", out.resolve("b").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Pulumi.nosuch.yaml");
    }
}
