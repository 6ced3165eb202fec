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
 * drain-media-node.sh with a stand-in systemctl: the proxy's unit is "active" while a file exists;
 * SIGUSR1 starts the calls' end after a while (or never), as the real proxy ends once its last call has.
 */
class DrainMediaNodeScriptTest {
    @TempDir
    Path work;
    Path script;
    Path conf;
    Path state;

    record Run(int status, String out, List<String> calls) {
    }

    @BeforeEach
    void stage() throws Exception {
        state = Files.createDirectories(work.resolve("state"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, String.join("\n",
                "#!/bin/bash",
                "state=" + state,
                "echo \"$*\" >> \"$state/calls\"",
                "case \"$1\" in",
                "  is-active) [ -f \"$state/active\" ] ;;",
                "  kill) if [ -f \"$state/calls-end-after\" ]; then (sleep \"$(cat \"$state/calls-end-after\")\"; rm -f \"$state/active\") & fi ;;",
                "  stop) rm -f \"$state/active\" ;;",
                "  *) exit 2 ;;",
                "esac", ""));
        systemctl.toFile().setExecutable(true);
        script = work.resolve("drain-media-node.sh");
        Files.writeString(script, ProvisioningScripts.helper("drain-media-node.sh"));
        conf = Files.writeString(work.resolve("proxy.conf"), "[http]\nlisten = 127.0.0.1:9\n[stats]\nallowed_ips = 127.0.0.1\n");
    }

    Run drain(int limitSeconds, String... textfiles) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString(), "media-2", Integer.toString(limitSeconds),
                conf.toString()));
        command.addAll(List.of(textfiles));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", work.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("TALK_HPB_DRAIN_POLL_SECONDS", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path calls = state.resolve("calls");
        return new Run(process.exitValue(), out, Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    @Test
    void theProxyIsToldToTakeNoNewPublishersAndTheDrainEndsWhenItsLastCallDoes() throws Exception {
        Files.writeString(state.resolve("active"), "");
        Files.writeString(state.resolve("calls-end-after"), "2");

        Run run = drain(30);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.calls()).contains("kill --kill-whom=main --signal=SIGUSR1 nextcloud-spreed-signaling-proxy")
                .noneMatch(call -> call.startsWith("stop"));
        assertThat(run.out()).contains("media-2: draining: no new publishers", "systemctl stop nextcloud-spreed-signaling-proxy",
                "media-2: still in calls:", "media-2: drained after");
    }

    @Test
    void callsStillGoingAtTheLimitAreEndedByStoppingTheProxy() throws Exception {
        Files.writeString(state.resolve("active"), "");

        Run run = drain(2);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.calls()).contains("stop nextcloud-spreed-signaling-proxy");
        assertThat(run.out()).contains("calls still going after 2 s; stopping the proxy");
    }

    @Test
    void aProxyThatIsNotRunningHasNothingToDrain() throws Exception {
        Run run = drain(30);

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("nothing to drain");
        assertThat(run.calls()).noneMatch(call -> call.startsWith("kill") || call.startsWith("stop"));
    }

    @Test
    void withMetricsOnTheDrainsStartGoesToTheNodeExporterSoADrainCutShortIsSeen() throws Exception {
        Path textfiles = Files.createDirectories(work.resolve("textfiles"));
        Files.writeString(state.resolve("active"), "");
        Files.writeString(state.resolve("calls-end-after"), "1");
        long before = System.currentTimeMillis() / 1000;

        Run run = drain(30, textfiles.toString());

        assertThat(run.status()).as(run.out()).isZero();
        List<String> samples = Files.readAllLines(textfiles.resolve("talk-hpb-drain.prom")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(samples).singleElement().asString().startsWith("talkhpb_media_node_draining_since_timestamp_seconds ");
        long since = Long.parseLong(samples.get(0).substring(samples.get(0).indexOf(' ') + 1));
        assertThat(since).isBetween(before, before + 30);
        assertThat(textfiles.toFile().list()).as("no temporary file left").containsExactly("talk-hpb-drain.prom");
    }
}
