package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.HostPreparation;
import com.talkhpb.render.Shell;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.TestKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The existing server's two texts, and the checks prepare-host makes before it changes anything, run
 * by bash here (the VM test runs the whole preparation and destroy on a real server).
 */
class ExistingServerScriptsTest {
    static final Deployment EXISTING = Deployment.of(SettingsReader.read(MapConfig.valid().with("cloud", "existing")
            .with("hostIpv4", "203.0.113.10").with("sshPrivateKey", TestKeys.privateKeyPem()).with("sshHostKey", TestKeys.HOST_KEY)),
            Topology.PRODUCTION);

    @TempDir
    Path work;

    record Run(int status, String output) {
    }

    Run bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    String functions() throws Exception {
        Path file = work.resolve("prepare-host.sh");
        Files.writeString(file, ProvisioningScripts.helper(ExistingServerScripts.PREPARE_FUNCTIONS));
        return "set -euo pipefail; export TALK_HPB_STATE_DIR=" + Shell.quote(work.resolve("state").toString()) + "; source "
                + Shell.quote(file.toString()) + "; ";
    }

    @Test
    void bothTextsAreValidBashAndWriteEveryPreparedFileAsUserDataDoes() throws Exception {
        ExistingServerScripts scripts = new ExistingServerScripts(EXISTING);

        assertThat(bash("bash -n <<'EOF'\n" + scripts.prepare() + "EOF\n").status()).isZero();
        assertThat(bash("bash -n <<'EOF'\n" + scripts.remove() + "EOF\n").status()).isZero();
        for (HostPreparation.PreparedFile file : HostPreparation.files(EXISTING.packages())) {
            String content = Base64.getEncoder().encodeToString(file.content().getBytes(StandardCharsets.UTF_8));
            assertThat(scripts.prepare()).contains(Shell.words("put_file", file.path(), file.permissions(), content));
        }
        assertThat(scripts.prepare()).contains(Shell.words(java.util.stream.Stream.concat(java.util.stream.Stream.of("install_packages"),
                java.util.stream.Stream.concat(EXISTING.packages().installList().stream(),
                        EXISTING.packages().addedByProvisioning().stream())).toList()));
        HostPreparation.commandsAfterPackages().forEach(command -> assertThat(scripts.prepare()).contains("\n" + command + "\n"));
        assertThat(scripts.prepare()).as("the host key comes from the stack, not from the server").doesNotContain("ssh_host_ed25519_key");
    }

    @Test
    void theDestroyNamesEveryFileAndPackageAndPurgesOnlyWhenTheSettingSaysSo() throws Exception {
        String remove = new ExistingServerScripts(EXISTING).remove();
        for (String path : new ExistingServerScripts(EXISTING).touchedPaths()) {
            assertThat(remove).contains(Shell.words("--path", path));
        }
        assertThat(remove).contains(Shell.words("--package", "janus"), Shell.words("--held", "nextcloud-spreed-signaling"),
                Shell.words("--keep", "chrony"), Shell.words("--unit", "talk-hpb-firewall")).doesNotContain("--purge");
        Deployment purging = Deployment.of(SettingsReader.read(MapConfig.valid().with("cloud", "existing").with("hostIpv4", "203.0.113.10")
                .with("sshPrivateKey", TestKeys.privateKeyPem()).with("sshHostKey", TestKeys.HOST_KEY).with("purgePackagesOnDestroy", "true")),
                Topology.PRODUCTION);
        assertThat(new ExistingServerScripts(purging).remove()).contains("--purge");
    }

    @Test
    void onAnotherSystemThePreparationStopsNamingItAndOnDebian12ItGoesOn() throws Exception {
        Path osRelease = Files.writeString(work.resolve("os-release"), "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\nVERSION_ID=\"24.04\"\n");
        Run refused = bash("unshare --mount bash -c " + Shell.quote("mount --bind " + Shell.quote(osRelease.toString())
                + " /etc/os-release && " + functions() + "require_debian_12"));

        assertThat(refused.status()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("this server runs Ubuntu 24.04.1 LTS", "talk-hpb needs Debian 12", "Nothing was changed");
        Run here = bash(functions() + "require_debian_12");
        assertThat(here.status()).as("this machine runs Debian 12: " + here.output()).isZero();
    }

    @Test
    void aPortHeldByAnotherProgramStopsThePreparationNamingPortAndProgram() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run refused = bash(functions() + "require_ports_free " + held.getLocalPort());

            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.output()).contains("TCP port " + held.getLocalPort() + " is taken by java;", "Nothing was changed");
        }
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = free.getLocalPort();
            free.close();
            assertThat(bash(functions() + "require_ports_free " + port).status()).isZero();
        }
    }

    @Test
    void theServersOwnFilesAreRecordedOnceSoAPreparationRunAgainDoesNotTakeConfiguredFilesForThem() throws Exception {
        Path own = Files.writeString(work.resolve("own.conf"), "the admin's\n");
        Path missing = work.resolve("missing.conf");
        String record = functions() + "remember_files_before " + Shell.words(List.of(own.toString(), missing.toString()));

        assertThat(bash(record).status()).isZero();
        Files.writeString(own, "configured by talk-hpb\n");
        Files.writeString(missing, "configured by talk-hpb\n");
        assertThat(bash(record).status()).isZero();

        assertThat(Files.readAllLines(work.resolve("state/before.list"))).containsExactly("present " + own, "absent " + missing);
        assertThat(Files.readString(work.resolve("state/before" + own))).isEqualTo("the admin's\n");
    }
}
