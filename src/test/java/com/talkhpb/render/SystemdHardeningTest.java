package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's units with the rendered drop-ins, judged by systemd's own exposure score (systemd-analyze
 * security, offline, 0 = locked down, 10 = unrestricted): every daemon that needs no privilege runs
 * sandboxed, and nginx's root master keeps only the capabilities it uses. The units come from the
 * packages the test command installs.
 */
class SystemdHardeningTest {
    static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)");
    static final Map<String, Double> MOST_EXPOSURE = new LinkedHashMap<>(Map.of(
            "janus", 2.0, "coturn", 2.0, "nats-server", 2.0, "nextcloud-spreed-signaling", 2.0, "nginx", 5.0));

    @TempDir
    Path root;

    @Test
    void everyDaemonRunsWithTheRestrictionsItCanBear() throws Exception {
        Path units = Files.createDirectories(root.resolve("lib/systemd/system"));
        for (String unit : MOST_EXPOSURE.keySet()) {
            Files.copy(Path.of("/lib/systemd/system/" + unit + ".service"), units.resolve(unit + ".service"));
        }
        Bundle bundle = Rendered.bundle(MapConfig.valid());
        for (BundleFile file : bundle.files()) {
            if (file.bundlePath().startsWith("etc/systemd/system/")) {
                Path target = root.resolve(file.bundlePath());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content());
            }
        }
        for (Map.Entry<String, Double> unit : MOST_EXPOSURE.entrySet()) {
            double exposure = exposure(unit.getKey());
            System.out.printf("systemd exposure of %s with talk-hpb's drop-in: %.1f%n", unit.getKey(), exposure);
            assertThat(exposure).as(unit.getKey()).isLessThanOrEqualTo(unit.getValue());
        }
    }

    double exposure(String unit) throws Exception {
        Process analyze = new ProcessBuilder("systemd-analyze", "security", "--offline=true", "--root=" + root, unit + ".service")
                .redirectErrorStream(true).start();
        String out = new String(analyze.getInputStream().readAllBytes());
        assertThat(analyze.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = EXPOSURE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aFilteredSystemCallFailsWithEpermAndNeverKillsTheDaemon() {
        // coturn calls setgroups() (in @privileged) at start; a kill there left it dead in a real VM.
        for (BundleFile file : Rendered.bundle(MapConfig.valid()).files()) {
            if (file.content().contains("SystemCallFilter=")) {
                assertThat(file.content()).as(file.bundlePath()).contains("SystemCallErrorNumber=EPERM");
            }
        }
    }
}
