package com.talkhpb.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.talkhpb.model.Deployment;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SecretValues;
import com.talkhpb.render.Watchdog;
import com.talkhpb.testing.Rendered;
import com.talkhpb.testing.MapConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watchdog.py with the configuration talk-hpb renders, stand-ins for systemctl (each unit's state from a
 * file, calls recorded) and ss (an established NATS or Janus connection while a file exists), and a
 * stand-in signaling server whose welcome and stats the test sets.
 */
class WatchdogScriptTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNALING = "nextcloud-spreed-signaling";

    @TempDir
    Path work;
    Path config;
    Path state;
    HttpServer signaling;
    final Map<String, String> answers = new ConcurrentHashMap<>();

    record Run(int status, String out, List<String> calls, JsonNode last) {
    }

    @BeforeEach
    void stage() throws Exception {
        state = Files.createDirectories(work.resolve("fake"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(bin.resolve("systemctl"), String.join("\n",
                "#!/bin/bash",
                "state=" + state,
                "echo \"$*\" >> \"$state/calls\"",
                "case \"$1\" in",
                "  show) cat \"$state/unit-${*: -1}\" 2>/dev/null || echo inactive ;;",
                "  restart) echo active > \"$state/unit-$2\" ;;",
                "  reset-failed) ;;",
                "  *) exit 2 ;;",
                "esac", ""));
        Files.writeString(bin.resolve("ss"), "#!/bin/bash\n"
                + "if [ \"$1\" = -Hunap ]; then echo \"$*\" >> \"" + state + "/ss-udp\"; cat \"" + state + "/udp-sockets\" 2>/dev/null; exit 0; fi\n"
                + "case \"$*\" in *':4222 )'*) f=nats ;; *':8188 )'*) f=janus ;; *) exit 2 ;; esac\n"
                + "if [ -f \"" + state + "/connected-$f\" ]; then echo 'ESTAB 0 0 127.0.0.1:50000 127.0.0.1:1'; fi\n");
        bin.resolve("systemctl").toFile().setExecutable(true);
        bin.resolve("ss").toFile().setExecutable(true);

        signaling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        signaling.createContext("/", exchange -> {
            String body = answers.getOrDefault(exchange.getRequestURI().getPath(), "");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.isEmpty() ? 500 : 200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        signaling.start();
        answers.put("/api/v1/welcome", "{\"nextcloud-spreed-signaling\":\"Welcome\",\"version\":\"2.0.2\"}");
        answers.put("/api/v1/stats", "{\"mcu\":{\"connected\":true}}");
        config = renderedConfig(MapConfig.valid(), false);
    }

    @AfterEach
    void stop() {
        signaling.stop(0);
    }

    /** The rendered configuration, with the state directory and the signaling server's URL of this test. */
    Path renderedConfig(MapConfig stack, boolean mediaNode) throws Exception {
        Deployment deployment = Rendered.deployment(stack);
        Bundle bundle = mediaNode
                ? Bundle.renderMediaNode(deployment.withMediaNodes(1), deployment.withMediaNodes(1).mediaNodes().get(0),
                        new HostFacts("203.0.113.20").withPrivateNetwork("10.77.0.11", List.of()), "10.77.0.2", SecretValues.PLACEHOLDERS)
                : Bundle.render(deployment, new HostFacts("203.0.113.10"), SecretValues.PLACEHOLDERS);
        ObjectNode rendered = (ObjectNode) JSON.readTree(bundle.file("etc/talk-hpb/watchdog.json").content());
        rendered.put("stateDir", work.resolve("watchdog").toString());
        if (rendered.has("backendAddresses")) {
            // Its own test (BackendAddressesScriptTest) runs it; here, that the watchdog runs it.
            rendered.set("backendAddresses", JSON.valueToTree(List.of("bash", "-c",
                    "echo \"$*\" >> " + state.resolve("backend-addresses") + "; [ ! -f " + state.resolve("dns-down") + " ] || "
                            + "{ echo 'talk-hpb: the backends addresses stay as they were: cannot resolve cloud.example.com'; exit 1; }",
                    "backend-addresses", "inet talk_hpb", "cloud.example.com:443")));
        }
        if (rendered.has("textfile")) {
            rendered.put("textfile", Files.createDirectories(work.resolve("textfiles")).resolve("talk-hpb-watchdog.prom").toString());
        }
        if (rendered.has("certificate")) {
            rendered.put("certificate", work.resolve("fullchain.pem").toString());
        }
        if (rendered.has("signaling")) {
            ((ObjectNode) rendered.get("signaling")).put("url", "http://127.0.0.1:" + signaling.getAddress().getPort());
        }
        return Files.writeString(work.resolve(mediaNode ? "node.json" : "watchdog.json"), JSON.writeValueAsString(rendered));
    }

    void units(String state, String... units) throws Exception {
        for (String unit : units) {
            Files.writeString(this.state.resolve("unit-" + unit), state + "\n");
        }
    }

    void allHealthy() throws Exception {
        units("active", "nats-server", "coturn", "janus", SIGNALING, "nginx");
        Files.writeString(state.resolve("connected-nats"), "");
    }

    Run run() throws Exception {
        Files.deleteIfExists(state.resolve("calls"));
        Path script = work.resolve(Watchdog.SCRIPT);
        Files.writeString(script, ProvisioningScripts.helper(Watchdog.SCRIPT));
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), config.toString()).redirectErrorStream(true);
        builder.environment().put("TALK_HPB_SYSTEMCTL", work.resolve("bin/systemctl").toString());
        builder.environment().put("TALK_HPB_SS", work.resolve("bin/ss").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path calls = state.resolve("calls");
        return new Run(process.exitValue(), out, Files.exists(calls) ? Files.readAllLines(calls) : List.of(),
                JSON.readTree(work.resolve("watchdog/last.json").toFile()));
    }

    static List<String> restarts(Run run) {
        return run.calls().stream().filter(call -> call.startsWith("restart ")).toList();
    }

    @Test
    void aHealthyHpbIsLeftAloneAndTheResultRecordsEveryCheck() throws Exception {
        allHealthy();

        Run run = run();

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).as("nothing to say when all is well").isEmpty();
        assertThat(restarts(run)).isEmpty();
        assertThat(run.last().path("healthy").asBoolean()).isTrue();
        assertThat(run.last().path("checks")).extracting(c -> c.path("name").asText()).containsExactly("nats-server", "coturn", "janus",
                SIGNALING, "nginx", "signaling-welcome", "signaling-nats", "signaling-janus");
        assertThat(run.last().path("timestamp").asLong()).isPositive();
    }

    @Test
    void aSignalingServerWithoutAConnectionToARunningNatsIsRestartedAtTheSecondRunInARow() throws Exception {
        allHealthy();
        Files.delete(state.resolve("connected-nats"));

        Run first = run();
        assertThat(first.status()).isEqualTo(1);
        assertThat(restarts(first)).as("a client reconnecting by itself gets a minute").isEmpty();
        assertThat(first.out()).contains("signaling-nats: no connection to NATS on port 4222, which runs (1 run(s) in a row)");

        Run second = run();
        assertThat(restarts(second)).containsExactly("restart " + SIGNALING);
        assertThat(second.out()).contains("restarting nextcloud-spreed-signaling: it holds no connection to NATS (its client gave up)");
        assertThat(second.last().path("restarts").get(0).path("unit").asText()).isEqualTo(SIGNALING);
    }

    @Test
    void aFailureThatClearsBetweenRunsRestartsNothing() throws Exception {
        allHealthy();
        Files.delete(state.resolve("connected-nats"));
        run();
        Files.writeString(state.resolve("connected-nats"), "");
        run();
        Files.delete(state.resolve("connected-nats"));

        Run third = run();

        assertThat(restarts(third)).as("the count starts again after a good run").isEmpty();
    }

    @Test
    void whileNatsItselfIsDownTheSignalingServerIsNotRestartedForIt() throws Exception {
        allHealthy();
        units("failed", "nats-server");
        Files.delete(state.resolve("connected-nats"));
        // systemd restarts NATS (the stand-in's restart makes it active); signaling is left alone twice.
        run();
        units("inactive", "nats-server");

        Run second = run();

        assertThat(restarts(second)).doesNotContain("restart " + SIGNALING);
    }

    @Test
    void aUnitSystemdGaveUpOnIsStartedAgainAndOneStoppedByHandIsLeftAlone() throws Exception {
        allHealthy();
        units("failed", "janus");
        units("inactive", "coturn");

        Run run = run();

        assertThat(run.calls()).contains("reset-failed janus", "restart janus").doesNotContain("restart coturn");
        assertThat(run.out()).contains("restarting janus: systemd gave up on it");
        assertThat(run.last().path("checks").findValues("detail")).extracting(JsonNode::asText)
                .contains("inactive (stopped, not by a crash: left alone)");
    }

    @Test
    void aSignalingServerThatDoesNotAnswerItsWelcomeIsRestarted() throws Exception {
        allHealthy();
        answers.remove("/api/v1/welcome");

        run();
        Run second = run();

        assertThat(restarts(second)).containsExactly("restart " + SIGNALING);
        assertThat(second.out()).contains("its welcome does not answer");
    }

    @Test
    void aSignalingServerThatDoesNotReconnectToItsRunningJanusIsRestarted() throws Exception {
        allHealthy();
        answers.put("/api/v1/stats", "{\"mcu\":{\"connected\":false}}");

        run();
        Run second = run();

        assertThat(restarts(second)).containsExactly("restart " + SIGNALING);
    }

    @Test
    void aUnitIsRestartedAtMostThreeTimesAnHour() throws Exception {
        allHealthy();
        for (int i = 0; i < 3; i++) {
            units("failed", "janus");
            assertThat(restarts(run())).containsExactly("restart janus");
        }
        units("failed", "janus");

        Run fourth = run();

        assertThat(restarts(fourth)).isEmpty();
        assertThat(fourth.out()).contains("not restarting janus (systemd gave up on it): restarted 3 times in the last hour already");
    }

    @Test
    void onAMediaNodeTheProxyWithoutAConnectionToItsRunningJanusIsRestarted() throws Exception {
        config = renderedConfig(MapConfig.valid(), true);
        units("active", "janus", "nextcloud-spreed-signaling-proxy");

        Run first = run();
        assertThat(first.last().path("checks")).extracting(c -> c.path("name").asText())
                .containsExactly("janus", "nextcloud-spreed-signaling-proxy", "proxy-janus");
        Run second = run();

        assertThat(restarts(second)).containsExactly("restart nextcloud-spreed-signaling-proxy");
        Files.writeString(state.resolve("connected-janus"), "");
        assertThat(run().status()).isZero();
    }

    @Test
    void withMetricsOnItWritesEachChecksResultItsRestartsTheCertificatesExpiryAndTurnsAllocationsForTheNodeExporter() throws Exception {
        config = renderedConfig(MapConfig.valid().with("metricsSourceCidrs", "[\"198.51.100.9/32\"]"), false);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "30", "-subj", "/CN=hpb.example.com", "-keyout", work.resolve("key.pem").toString(),
                "-out", work.resolve("fullchain.pem").toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();
        // Two relays of coturn's, and a socket of another program in its range (the ephemeral range overlaps it).
        Files.writeString(state.resolve("udp-sockets"), String.join("\n",
                "UNCONN 0 0 203.0.113.10:50001 0.0.0.0:* users:((\"turnserver\",pid=7,fd=30))",
                "UNCONN 0 0 203.0.113.10:50002 0.0.0.0:* users:((\"turnserver\",pid=7,fd=31))",
                "UNCONN 0 0 0.0.0.0:53000 0.0.0.0:* users:((\"chronyd\",pid=9,fd=5))", ""));
        allHealthy();
        units("failed", "janus");

        long before = System.currentTimeMillis() / 1000;
        run();
        String metrics = Files.readString(work.resolve("textfiles/talk-hpb-watchdog.prom"));

        assertThat(metrics.lines().filter(l -> !l.startsWith("#")).toList()).as(metrics)
                .contains("talkhpb_check_ok{check=\"nats-server\"} 1", "talkhpb_check_ok{check=\"janus\"} 0",
                        "talkhpb_check_ok{check=\"signaling-nats\"} 1", "talkhpb_watchdog_restarts_total{unit=\"janus\"} 1",
                        "talkhpb_watchdog_restarts_total{unit=\"coturn\"} 0", "talkhpb_turn_allocations 2");
        assertThat(Files.readString(state.resolve("ss-udp"))).as("coturn's relay range from the model").contains("( sport >= :49152 and sport <= :65535 )");
        long expiry = metrics.lines().filter(l -> l.startsWith("talkhpb_certificate_expiry_timestamp_seconds{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
        assertThat(expiry - before).as("30 days from now").isBetween(30L * 86400 - 120, 30L * 86400 + 120);
        long ran = metrics.lines().filter(l -> l.startsWith("talkhpb_watchdog_last_run_timestamp_seconds "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
        assertThat(ran).isBetween(before - 1, before + 60);

        units("failed", "janus");
        run();
        assertThat(Files.readString(work.resolve("textfiles/talk-hpb-watchdog.prom"))).as("a counter: it only grows")
                .contains("talkhpb_watchdog_restarts_total{unit=\"janus\"} 2");
    }

    @Test
    void withoutMetricsItWritesNoTextfile() throws Exception {
        allHealthy();
        run();
        assertThat(JSON.readTree(Files.readString(config)).has("textfile")).isFalse();
        assertThat(work.resolve("textfiles")).doesNotExist();
    }

    @Test
    void everyRunLooksUpTheBackendsNamesForTheFirewallAndSaysWhenOneDoesNotResolve() throws Exception {
        assertThat(JSON.readTree(Files.readString(config)).path("backendAddresses").toString()).contains("cloud.example.com:443");
        allHealthy();
        run();
        run();
        assertThat(Files.readAllLines(state.resolve("backend-addresses"))).containsExactly("inet talk_hpb cloud.example.com:443",
                "inet talk_hpb cloud.example.com:443");
        Files.writeString(state.resolve("dns-down"), "");

        Run run = run();

        assertThat(run.out()).contains("cannot resolve cloud.example.com");
        assertThat(run.status()).as("the daemons are healthy all the same").isZero();
    }

    @Test
    void theRenderedCommandIsTheHelperWithTheFirewallsTableAndEachBackendByName() throws Exception {
        Deployment deployment = Rendered.deployment(MapConfig.valid().with("nextcloud",
                "[{\"url\":\"https://cloud.example.com\"},{\"url\":\"https://10.0.0.5:8080\"},{\"url\":\"https://files.example.org:8443/nc\"}]"));
        JsonNode rendered = JSON.readTree(Bundle.render(deployment, new HostFacts("203.0.113.10"), SecretValues.PLACEHOLDERS)
                .file("etc/talk-hpb/watchdog.json").content());
        assertThat(rendered.path("backendAddresses")).extracting(JsonNode::asText).containsExactly("/usr/bin/python3",
                "/usr/local/lib/talk-hpb/backend-addresses.py", "inet talk_hpb", "cloud.example.com:443", "files.example.org:8443");
    }
}
