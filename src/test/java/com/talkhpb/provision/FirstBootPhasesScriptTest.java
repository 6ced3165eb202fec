package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.FirstBootFloor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** first-boot-phases.py on cloud-init 22.4's log lines (the format of Debian 12's cloud-init). */
class FirstBootPhasesScriptTest {
    static final Path FIXTURE = Path.of("src/test/resources/com/talkhpb/provision/cloud-init-first-boot.log");

    @TempDir
    Path work;

    String phases(Path log) throws Exception {
        Path script = Files.writeString(work.resolve("first-boot-phases.py"), ProvisioningScripts.helper(ProvisioningScripts.FIRST_BOOT_PHASES));
        Process process = new ProcessBuilder("python3", script.toString(), log.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void eachPhaseLastsFromItsStartToTheNextAndTheyAddUpToTheUptimeCloudInitFinishedAt() throws Exception {
        String output = phases(FIXTURE);

        // From the fixture's timestamps: update 15:26:25.840 to 15:26:57.430, and so on.
        assertThat(output).contains("kernel and systemd until cloud-init         13.4",
                "cloud-init before the packages              22.0",
                "apt: package lists (update)                 31.6",
                "apt: security updates (dist-upgrade)         6.0",
                "apt: the HPB's packages (install)          145.0",
                "cloud-init after the packages                8.9",
                "cloud-init done after                      227.0");
        assertThat(FirstBootFloor.cloudInitDoneAfter(output)).hasValue(227.0);
    }

    @Test
    void aLaterBootCountsFromItsOwnStartAndAnUnfinishedOrMissingLogPrintsNothing() throws Exception {
        List<String> first = Files.readAllLines(FIXTURE);
        Path twoBoots = Files.write(work.resolve("two-boots.log"), concat(first, List.of(
                "2026-11-28 08:00:00,000 - util.py[DEBUG]: Cloud-init v. 22.4.2 running 'init-local' at Sat. Up 9.50 seconds.",
                "2026-11-28 08:00:20,000 - util.py[DEBUG]: Cloud-init v. 22.4.2 finished at Sat. Datasource X.  Up 29.50 seconds")));
        assertThat(phases(twoBoots)).contains("kernel and systemd until cloud-init          9.5", "cloud-init done after                       29.5")
                .doesNotContain("apt:");

        Path unfinished = Files.write(work.resolve("unfinished.log"), first.subList(0, first.size() - 1));
        assertThat(phases(unfinished)).isEmpty();
        assertThat(phases(work.resolve("missing.log"))).isEmpty();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
