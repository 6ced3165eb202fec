package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh-session-admitted.py: the configure step's guard against a host firewall that shuts out its own session. */
class SshSessionAdmittedScriptTest {
    @TempDir
    Path work;

    record Run(int status, String output) {
    }

    Run run(String... args) throws Exception {
        Path script = Files.writeString(work.resolve("check.py"), ProvisioningScripts.helper(ProvisioningScripts.SSH_SESSION_ADMITTED));
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void anAddressInsideTheSourcesPassesOfEitherFamilyAndAsAnIpv4MappedAddress() throws Exception {
        assertThat(run("--peer", "198.51.100.7", "203.0.113.0/24", "198.51.100.0/24").status()).isZero();
        assertThat(run("--peer", "2001:db8::5", "198.51.100.0/24", "2001:db8::/64").status()).isZero();
        assertThat(run("--peer", "::ffff:198.51.100.7", "198.51.100.0/24").status()).isZero();
    }

    @Test
    void anAddressOutsideTheSourcesIsRefusedNamingItTheSourcesAndTheFix() throws Exception {
        Run refused = run("--peer", "192.0.2.44", "203.0.113.0/24", "2001:db8::/64");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output()).contains("refusing the host firewall", "sshSourceCidrs (203.0.113.0/24, 2001:db8::/64)",
                "do not admit 192.0.2.44", "Add 192.0.2.44 (or its network) to sshSourceCidrs", "Nothing was changed");
        assertThat(run("--peer", "2001:db8:1::5", "2001:db8::/64").status()).as("another IPv6 network").isEqualTo(1);
    }

    @Test
    void aSessionSshdServesOnAnotherPortThanTheAdmittedOneIsRefusedNamingBothPorts() throws Exception {
        Run refused = run("--peer", "198.51.100.7", "--local-port", "2222", "--ssh-port", "22", "198.51.100.0/24");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.output()).contains("reached sshd on port 2222", "admits SSH on port 22 only", "Port 22 in /etc/ssh/sshd_config",
                "Nothing was changed");
        assertThat(run("--peer", "198.51.100.7", "--local-port", "22", "--ssh-port", "22", "198.51.100.0/24").status())
                .as("the admitted port").isZero();
    }

    @Test
    void runOutsideAnSshSessionThereIsNoSessionToKeep() throws Exception {
        Run local = run("203.0.113.0/24");

        assertThat(local.status()).isZero();
        assertThat(local.output()).contains("not run over SSH");
    }
}
