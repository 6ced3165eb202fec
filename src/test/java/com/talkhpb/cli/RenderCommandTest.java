package com.talkhpb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.render.BundleWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.talkhpb.testing.CliRun;
import com.talkhpb.testing.FixtureStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static CliRun render(String... args) {
        return CliRun.of(args);
    }

    @Test
    void rendersTheCommittedProdStackWithPlaceholders(@TempDir Path out) throws Exception {
        CliRun run = render("render", "--stack", "prod", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(out.resolve(BundleWriter.MANIFEST)).exists();
        assertThat(out.resolve(BundleWriter.FIREWALL)).exists();
        assertThat(out.resolve(BundleWriter.USER_DATA)).exists();
        assertThat(Files.readString(out.resolve("etc/turnserver.conf")))
                .contains("static-auth-secret={{secret:turnSecret}}", "allowed-peer-ip={{host:publicIpv4}}");
    }

    @Test
    void sampleSecretsAndAPublicAddressFillThePlaceholders(@TempDir Path out) throws Exception {
        CliRun run = render("render", "--stack", "prod", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.toString(), "--sample-secrets", "--public-ipv4", "198.51.100.20");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("not for deployment");
        String signaling = Files.readString(out.resolve("etc/nextcloud-spreed-signaling/server.conf"));
        assertThat(signaling).contains("apikey = ").doesNotContain("{{");
        assertThat(Files.readString(out.resolve("etc/turnserver.conf"))).contains("allowed-peer-ip=198.51.100.20");
    }

    @Test
    void anExistingServersAddressesComeFromItsStackSoTheBundleIsTheOneItGets(@TempDir Path out) throws Exception {
        CliRun run = render("render", "--stack", "existing", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("etc/turnserver.conf"))).contains("allowed-peer-ip=203.0.113.10")
                .doesNotContain("{{host:");
    }

    @Test
    void withMediaNodesTheHpbsBundleNamesTheirProxiesAndEachNodeGetsItsOwnBundle(@TempDir Path dir) throws Exception {
        Path project = FixtureStacks.projectDir();
        Files.copy(project.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.writeString(dir.resolve("Pulumi.media.yaml"), Files.readString(project.resolve("Pulumi.prod.yaml"))
                .replace("config:\n", "config:\n  talk-hpb:mediaNodes: 2\n"));
        Path out = dir.resolve("out");

        CliRun run = render("render", "--stack", "media", "--project-dir", dir.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("media node media-1", "media node media-2");
        assertThat(Files.readString(out.resolve("etc/nextcloud-spreed-signaling/server.conf")))
                .contains("url = http://{{media-1:privateIpv4}}:9090 http://{{media-2:privateIpv4}}:9090");
        assertThat(Files.readString(out.resolve("media-2/etc/nextcloud-spreed-signaling/proxy.conf")))
                .contains("listen = {{host:privateIpv4}}:9090", "name = media-2", "hashkey = {{secret:media2ProxyHashKey}}");
        assertThat(Files.readString(out.resolve("media-1/cloud-init/user-data.yaml"))).contains("nextcloud-spreed-signaling-proxy");
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
        CliRun run = render("render", "--stack", "nosuch", "--project-dir", FixtureStacks.projectDir().toString(), "--out", out.resolve("b").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Pulumi.nosuch.yaml");
    }

    static CliRun renderStack(Path dir, String stackFile) throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: talk-hpb\n");
        Files.writeString(dir.resolve("Pulumi.s.yaml"), stackFile);
        return render("render", "--stack", "s", "--project-dir", dir.toString(), "--out", dir.resolve("out").toString());
    }

    static void assertReportWithoutStackTrace(CliRun run) {
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err() + run.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        CliRun run = renderStack(dir, "config:\n  talk-hpb:domain: hpb.example.com\n  talk-hpb:nextcloud: [unclosed\n");

        assertReportWithoutStackTrace(run);
        assertThat(run.err()).contains("Pulumi.s.yaml is not valid YAML at line", "Fix that line");
    }

    @Test
    void keysWithoutTheNamespaceAreNamedNotSilentlyIgnored(@TempDir Path dir) throws Exception {
        CliRun run = renderStack(dir, "config:\n  domain: hpb.example.com\n  talk-hpb:nextcloud:\n    - url: https://cloud.example.com\n");

        assertReportWithoutStackTrace(run);
        assertThat(run.err()).contains("talk-hpb:domain: is written without the talk-hpb: prefix", "Write it as talk-hpb:domain");
    }

    @Test
    void aSecretInPlainTextIsRefused(@TempDir Path dir) throws Exception {
        CliRun run = renderStack(dir, "config:\n  talk-hpb:turnSecret: " + "T".repeat(40) + "\n  talk-hpb:nextcloud:\n"
                + "    - url: https://cloud.example.com\n      secret: " + "S".repeat(40) + "\n");

        assertReportWithoutStackTrace(run);
        assertThat(run.err()).contains("talk-hpb:turnSecret: is stored in plain text", "pulumi config set --secret talk-hpb:turnSecret",
                "talk-hpb:nextcloud[0].secret: is stored in plain text");
    }

    @Test
    void anOutputPathThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        CliRun run = render("render", "--stack", "prod", "--project-dir", FixtureStacks.projectDir().toString(), "--out", file.toString());

        assertReportWithoutStackTrace(run);
        assertThat(run.err()).contains("is a file; give a directory");
    }
}
