package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.talkhpb.facts.TalkRequirements;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.provision.ProvisioningScripts;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.CallPlans;
import com.talkhpb.testing.HelloV2Tokens;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a crash does, with the real daemons in namespaces (no systemd: the harness restarts a killed
 * daemon 2 s later, as the units' Restart=on-failure and RestartSec=2 do). Two HPBs at once, in
 * namespaces of their own: on one, each daemon in turn is killed during a call, and the call's media
 * and the time until a new call works are measured; on the other, NATS stays down until the
 * signaling server's NATS client gives up for good (about 150 s, which the first HPB's cases run
 * beside), and talk-hpb's watchdog must bring it back. README's "what survives what" quotes the figures.
 */
class FaultsIT {
    static final String DOMAIN = "hpb.faults.test";
    static final String PUBLIC_ADDRESS = "198.18.0.30";
    static final String OUTAGE_ADDRESS = "198.18.0.31";
    static final int NEXTCLOUD_PORT = 18082;
    static final String NEXTCLOUD_URL = "http://127.0.0.1:" + NEXTCLOUD_PORT;
    static final List<String> DAEMONS = List.of("nats", "nginx", "coturn", "signaling", "janus");
    /** The call before the fault, sampled every second; the fault comes 3 s into its media. */
    static final int RUNNING_CALL_SECONDS = 14;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDaemonsCrashIsRecoveredAndNatsGivingUpIsCaughtByTheWatchdog() throws Exception {
        Path work = Files.createTempDirectory("talk-hpb-faults-");
        String sharedSecret = "faults-test-shared-secret-" + "x".repeat(24);
        Deployment deployment = Deployment.of(SettingsReader.read(MapConfig.valid()
                .with("domain", DOMAIN)
                .with("nextcloud", "[{\"url\":\"" + NEXTCLOUD_URL + "\",\"secret\":\"" + sharedSecret + "\"}]")
                .with("tlsMode", "self-signed").without("acmeEmail")), Topology.PRODUCTION);
        SecretValues secrets = new ExplicitSecretsFirst(deployment, new SampleSecrets("faults"));
        Path provision = ProdBundleIT.copyProvisioningScripts(work.resolve("provision"));
        Path health = Files.writeString(work.resolve("health.json"), new ProvisioningScripts(deployment).healthCheckInput(secrets, ""));
        String features = String.join(",", TalkRequirements.REQUIRED_FEATURES);
        String optional = String.join(",", TalkRequirements.OPTIONAL_FEATURES);

        // The second HPB: NATS down for good, then the watchdog.
        Path outage = Files.createDirectories(work.resolve("outage"));
        Bundle outageBundle = Bundle.render(deployment, new HostFacts(OUTAGE_ADDRESS), secrets);
        Path outageDocument = Files.writeString(outage.resolve("install.json"), BundleWriter.installDocument(outageBundle));
        ObjectNode watchdog = (ObjectNode) JSON.readTree(outageBundle.file("etc/talk-hpb/watchdog.json").content());
        watchdog.put("stateDir", outage.resolve("watchdog-state").toString());
        Path watchdogConfig = Files.writeString(outage.resolve("watchdog.json"), watchdog.toString());
        Path outageScript = ProdBundleIT.copyNamespaceScripts(outage, "run-nats-outage-in-namespace.sh");
        Process natsOutage = new ProcessBuilder(namespaces(outageScript, List.of(outageDocument.toString(), outage.resolve("ns").toString(),
                DOMAIN, OUTAGE_ADDRESS, provision.toString(), health.toString(), features, optional, watchdogConfig.toString())))
                .redirectErrorStream(true).redirectOutput(outage.resolve("output.txt").toFile()).start();

        try {
            Path document = Files.writeString(work.resolve("install.json"), BundleWriter.installDocument(
                    Bundle.render(deployment, new HostFacts(PUBLIC_ADDRESS), secrets)));
            Path script = ProdBundleIT.copyNamespaceScripts(work, "run-faults-in-namespace.sh");
            Path client = ProdBundleIT.copyCallClient(work);
            Path secretFile = Files.writeString(work.resolve("shared-secret"), sharedSecret);
            HelloV2Tokens tokens = new HelloV2Tokens();
            Path keyFile = Files.writeString(work.resolve("hello-v2-key"), tokens.publicKey());
            Path plans = Files.createDirectories(work.resolve("plans"));
            CallPlans calls = new CallPlans(plans, DOMAIN, NEXTCLOUD_URL, sharedSecret, tokens);
            String turnSecret = secrets.valueOf(Deployment.TURN_SECRET);
            for (String daemon : DAEMONS) {
                // coturn carries only relayed calls: for its crash, participants that can reach the HPB only through it.
                boolean relayed = daemon.equals("coturn");
                ObjectNode where = CallPlans.harness(relayed ? "outside-turn-only" : "outside");
                calls.plan("running-" + daemon, "call", RUNNING_CALL_SECONDS, where, p -> {
                    p.put("timelineSeconds", 1);
                    if (relayed) {
                        CallIT.turn(p, deployment.turnPort(), DOMAIN).put("turnSecret", turnSecret);
                    }
                });
                calls.plan("new-" + daemon, "call", 4, where, p -> {
                    if (relayed) {
                        CallIT.turn(p, deployment.turnPort(), DOMAIN).put("turnSecret", turnSecret);
                    }
                });
            }
            List<String> args = new ArrayList<>(List.of(document.toString(), work.resolve("ns").toString(), DOMAIN, PUBLIC_ADDRESS,
                    provision.toString(), client.toString(), Integer.toString(NEXTCLOUD_PORT), secretFile.toString(), keyFile.toString(),
                    System.getProperty("java.class.path"), plans.toString(), health.toString(), features, optional,
                    Integer.toString(deployment.turnPort())));
            args.addAll(DAEMONS);
            String output = ProdBundleIT.runInNamespaces(script, args, 900);
            System.out.println(output);

            Map<String, Map<String, String>> faults = new LinkedHashMap<>();
            Matcher line = Pattern.compile("fault: (\\S+) killed_at=(\\S+) running_again_after=(\\S+) new_call_in_call_after=(\\S+) health=ok")
                    .matcher(output);
            while (line.find()) {
                faults.put(line.group(1), Map.of("killedAt", line.group(2), "runningAgain", line.group(3), "newCall", line.group(4)));
            }
            assertThat(faults.keySet()).as("every daemon's crash recovered, a new call worked and the health check passed")
                    .containsExactlyElementsOf(DAEMONS);
            System.out.println("what survives what (this run):");
            Map<String, String> runningCall = new LinkedHashMap<>();
            for (String daemon : DAEMONS) {
                JsonNode report = JSON.readTree(plans.resolve("running-" + daemon + ".json.report.json").toFile());
                double killedAt = Double.parseDouble(faults.get(daemon).get("killedAt"));
                runningCall.put(daemon, RunningCall.judge(report, killedAt));
                System.out.printf("  %-9s running call: %-62s a new call in the call %s s after the crash%n", daemon,
                        runningCall.get(daemon), faults.get(daemon).get("newCall"));
            }
            // Media goes straight to Janus: neither NATS nor nginx carries it.
            assertThat(runningCall.get("nats")).as("a NATS crash under a call").startsWith("media kept flowing");
            assertThat(runningCall.get("nginx")).as("an nginx crash under a call").startsWith("media kept flowing");
        } finally {
            boolean ended = natsOutage.waitFor(420, TimeUnit.SECONDS);
            natsOutage.destroyForcibly();
            String outageOutput = Files.readString(outage.resolve("output.txt"));
            System.out.println(outageOutput);
            assertThat(ended).as("the NATS outage case ended").isTrue();
            assertThat(natsOutage.exitValue()).as(outageOutput).isZero();
            assertThat(outageOutput).contains("ok: the signaling server's NATS client gave up",
                    "ok: NATS is back, the signaling server stays without it",
                    "restarting nextcloud-spreed-signaling: it holds no connection to NATS (its client gave up)",
                    "ok: the watchdog restarted the signaling server at its second run; NATS connected and the health check passes",
                    "all checks passed");
        }
    }

    static List<String> namespaces(Path script, List<String> args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--net", "--pid", "--mount-proc", "--fork", "--kill-child",
                "bash", script.toString()));
        command.addAll(args);
        return command;
    }

    /** The running call's fate, from its timeline of decoded video frames per participant. */
    static final class RunningCall {
        static String judge(JsonNode report, double killedAt) {
            JsonNode timeline = report.path("timeline");
            if (timeline.isEmpty()) {
                return "no timeline (" + report.path("error").asText("the call did not start") + ")";
            }
            List<JsonNode> after = new ArrayList<>();
            timeline.forEach(sample -> {
                if (sample.path("at").asDouble() > killedAt) {
                    after.add(sample);
                }
            });
            if (after.size() < 3) {
                return "ended " + after.size() + " s after the crash (" + report.path("error").asText("") + ")";
            }
            // The first second in which some participant's frames did not grow, and the first one after it in which all grew again.
            double stoppedAt = -1;
            double backAt = -1;
            for (int i = 1; i < after.size(); i++) {
                boolean grew = grew(after.get(i - 1).path("video"), after.get(i).path("video"));
                double at = after.get(i).path("at").asDouble() - killedAt;
                if (!grew && stoppedAt < 0) {
                    stoppedAt = at;
                } else if (grew && stoppedAt >= 0 && backAt < 0) {
                    backAt = at;
                }
            }
            if (stoppedAt < 0) {
                return "media kept flowing";
            }
            return backAt < 0 ? String.format("media stopped %.0f s after the crash, for good", stoppedAt)
                    : String.format("media stopped %.0f s after the crash, back at %.0f s", stoppedAt, backAt);
        }

        private static boolean grew(JsonNode before, JsonNode now) {
            boolean grew = true;
            for (var names = now.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                grew &= now.path(name).asInt() > before.path(name).asInt();
            }
            return grew;
        }
    }
}
