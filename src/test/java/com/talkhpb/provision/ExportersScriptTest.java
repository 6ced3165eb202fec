package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exporters.sh (with install-packages.sh) against stand-ins for dpkg-query, apt-get and systemctl that
 * record what they are asked: a missing exporter is installed while Debian's policy layer forbids
 * starting services, so Debian's default (every address) never runs; "off" stops only what is
 * installed. The VM test runs the real thing under systemd (install-bundle.sh then starts them).
 */
class ExportersScriptTest {
    static final List<String> EXPORTERS = List.of("prometheus-node-exporter", "prometheus-nginx-exporter");
    @TempDir
    Path work;
    Path state;

    record Run(int status, String out, List<String> calls) {
    }

    @BeforeEach
    void stage() throws Exception {
        state = Files.createDirectories(work.resolve("state"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        stand(bin, "dpkg-query", "[ -f \"$state/installed-${*: -1}\" ] && printf installed");
        stand(bin, "apt-get", "echo \"apt-get $*\" >> \"$state/calls\"\n"
                + "for a in \"$@\"; do case \"$a\" in prometheus-*) [ -x \"$state/policy-rc.d\" ] && \"$state/policy-rc.d\"; "
                + "echo \"installed $a, policy says $?\" >> \"$state/calls\"; touch \"$state/installed-$a\" ;; esac; done");
        stand(bin, "systemctl", "echo \"systemctl $*\" >> \"$state/calls\"\n"
                + "unit=${*: -1}\n"
                + "case \"$1\" in\n"
                + "  is-enabled|is-active) [ -f \"$state/running-$unit\" ] ;;\n"
                + "  disable) rm -f \"$state/running-$unit\" ;;\n"
                + "esac");
        for (String helper : List.of("exporters.sh", "install-packages.sh")) {
            Files.writeString(work.resolve(helper), ProvisioningScripts.helper(helper));
        }
    }

    void stand(Path bin, String name, String body) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/bash\nstate=" + state + "\n" + body + "\n");
        file.toFile().setExecutable(true);
    }

    Run run(String mode) throws Exception {
        Files.deleteIfExists(state.resolve("calls"));
        List<String> command = new java.util.ArrayList<>(List.of("bash", work.resolve("exporters.sh").toString(), mode));
        command.addAll(EXPORTERS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("TALK_HPB_POLICY_RC_D", state.resolve("policy-rc.d").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path calls = state.resolve("calls");
        return new Run(process.exitValue(), out, Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    @Test
    void aMissingExporterIsInstalledWhileNoServiceMayStartAndOnlyTheMissingOne() throws Exception {
        Files.writeString(state.resolve("installed-prometheus-nginx-exporter"), "");

        Run run = run("install");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.calls()).contains("installed prometheus-node-exporter, policy says 101")
                .noneMatch(call -> call.contains("systemctl"))
                .filteredOn(call -> call.startsWith("apt-get") && call.contains(" install ") && !call.contains("--dry-run")).singleElement()
                .asString().endsWith(" prometheus-node-exporter").contains("--force-confold");
        assertThat(state.resolve("policy-rc.d")).as("the policy goes with the install").doesNotExist();
        assertThat(run("install").calls()).as("all there: nothing to do").isEmpty();
    }

    @Test
    void aPolicyTheHostHasAlreadyIsLeftAsItIs() throws Exception {
        Files.writeString(state.resolve("policy-rc.d"), "#!/bin/sh\nexit 0\n");
        state.resolve("policy-rc.d").toFile().setExecutable(true);

        Run run = run("install");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(Files.readString(state.resolve("policy-rc.d"))).isEqualTo("#!/bin/sh\nexit 0\n");
    }

    @Test
    void offStopsAndDisablesTheInstalledRunningOnesAndTouchesNothingElse() throws Exception {
        Files.writeString(state.resolve("installed-prometheus-node-exporter"), "");
        Files.writeString(state.resolve("running-prometheus-node-exporter.service"), "");

        Run run = run("off");

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.calls()).contains("systemctl disable --now --quiet prometheus-node-exporter.service")
                .noneMatch(call -> call.contains("prometheus-nginx-exporter"));
        assertThat(run.out()).contains("metrics are off: stopped and disabled prometheus-node-exporter");
        assertThat(run("off").calls()).noneMatch(call -> call.contains("disable"));
    }
}
