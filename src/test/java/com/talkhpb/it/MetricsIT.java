package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Exporter;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.Monitoring;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.ExplicitSecretsFirst;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.PrometheusScrapeConfig;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.testing.CallPlans;
import com.talkhpb.testing.DashboardQueries;
import com.talkhpb.testing.HelloV2Tokens;
import com.talkhpb.testing.MapConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The metrics endpoint with the real daemons and exporters: an HPB with one media node (production
 * bundles with metricsSourceCidrs), Debian's exporters run with the rendered command lines, the
 * watchdog's results, and a real Prometheus on the participants' side scraping with the exported
 * scrape configuration during a real call; then every query of the shipped dashboard
 * (monitoring/talk-hpb-dashboard.json) asked of that Prometheus. run-metrics-in-namespace.sh has the steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    static final String HPB_ADDRESS = "198.18.0.20";
    static final String HPB_PRIVATE = "10.77.0.2";
    static final String NODE_PUBLIC = "198.18.0.31";
    static final String NODE_PRIVATE = "10.77.0.11";
    /** The participants' side, where the admin's Prometheus runs: the one address metricsSourceCidrs admits. */
    static final String PROMETHEUS_ADDRESS = "192.168.77.2";
    static final String DOMAIN = "hpb.metrics.test";
    static final int NEXTCLOUD_PORT = 18083;
    static final String NEXTCLOUD_URL = "http://127.0.0.1:" + NEXTCLOUD_PORT;
    static final int CALL_SECONDS = 20;
    static final ObjectMapper JSON = new ObjectMapper();

    Path work;
    String output;
    Deployment deployment;
    List<String> queries;

    @BeforeAll
    void prometheusScrapesTheHpbAndItsNodeDuringACall() throws Exception {
        work = Files.createTempDirectory("talk-hpb-metrics-");
        String sharedSecret = "metrics-test-shared-secret-" + "x".repeat(24);
        deployment = Deployment.of(SettingsReader.read(MapConfig.valid()
                .with("domain", DOMAIN)
                .with("nextcloud", "[{\"url\":\"" + NEXTCLOUD_URL + "\",\"secret\":\"" + sharedSecret + "\"}]")
                .with("metricsSourceCidrs", "[\"" + PROMETHEUS_ADDRESS + "/32\"]")
                .with("tlsMode", "self-signed").without("acmeEmail")), Topology.PRODUCTION).withMediaNodes(1);
        SecretValues secrets = new ExplicitSecretsFirst(deployment, new SampleSecrets("metrics"));
        HostFacts.NodeAddresses node = new HostFacts.NodeAddresses(NODE_PUBLIC, NODE_PRIVATE);
        Files.writeString(work.resolve("hpb.json"), BundleWriter.installDocument(
                Bundle.render(deployment, new HostFacts(HPB_ADDRESS).withPrivateNetwork(HPB_PRIVATE, List.of(node)), secrets)));
        MediaNode first = deployment.mediaNodes().get(0);
        Files.writeString(work.resolve("node1.json"), BundleWriter.installDocument(Bundle.renderMediaNode(deployment, first,
                new HostFacts(NODE_PUBLIC).withPrivateNetwork(NODE_PRIVATE, List.of()), HPB_PRIVATE, secrets)));
        String token = secrets.valueOf(Monitoring.TOKEN);
        Files.writeString(work.resolve("token"), token);
        Files.writeString(work.resolve("scrape.yml"), PrometheusScrapeConfig.render(deployment, token));
        Files.writeString(work.resolve("endpoint"), "https://" + DOMAIN + ":" + deployment.monitoring().orElseThrow().port());
        queries = DashboardQueries.shipped().exprs(DOMAIN, "30s");
        Files.writeString(work.resolve("queries.txt"), String.join("\n", queries) + "\n");

        Path provision = ProdBundleIT.copyProvisioningScripts(work.resolve("provision"));
        Path script = ProdBundleIT.copyNamespaceScripts(work, "run-metrics-in-namespace.sh");
        try (InputStream in = MetricsIT.class.getResourceAsStream("media-node-in-namespace.sh")) {
            Files.copy(in, work.resolve("media-node-in-namespace.sh"));
        }
        Path client = ProdBundleIT.copyCallClient(work);
        Path secretFile = Files.writeString(work.resolve("shared-secret"), sharedSecret);
        HelloV2Tokens tokens = new HelloV2Tokens();
        Path keyFile = Files.writeString(work.resolve("hello-v2-key"), tokens.publicKey());
        new CallPlans(work, DOMAIN, NEXTCLOUD_URL, sharedSecret, tokens).plan("call", "call", CALL_SECONDS,
                CallPlans.harness("outside"), p -> { });
        output = ProdBundleIT.runInNamespaces(script, List.of(work.toString(), DOMAIN, HPB_ADDRESS, provision.toString(),
                client.toString(), Integer.toString(NEXTCLOUD_PORT), secretFile.toString(), keyFile.toString(),
                System.getProperty("java.class.path")), 300);
        System.out.println(output);
        System.out.println(scrapeCost());
    }

    /** Per target: the longest scrape in the last minute and the samples it brought; the exporters' memory. */
    String scrapeCost() throws Exception {
        StringBuilder report = new StringBuilder("target | longest scrape (ms) | samples\n");
        JsonNode durations = JSON.readTree(work.resolve("scrape-durations.json").toFile()).path("data").path("result");
        JsonNode samples = JSON.readTree(work.resolve("scrape-samples.json").toFile()).path("data").path("result");
        for (JsonNode d : durations) {
            String target = d.path("metric").path("host").asText() + "/" + d.path("metric").path("exporter").asText();
            String count = "";
            for (JsonNode s : samples) {
                if ((s.path("metric").path("host").asText() + "/" + s.path("metric").path("exporter").asText()).equals(target)) {
                    count = s.path("value").get(1).asText();
                }
            }
            report.append(String.format("%s | %.1f | %s%n", target, d.path("value").get(1).asDouble() * 1000, count));
        }
        report.append("exporters' resident memory on the HPB (KiB, name):\n").append(text("exporters.rss"));
        return report.toString();
    }

    String text(String file) throws Exception {
        return Files.readString(work.resolve(file)).strip();
    }

    @Test
    void prometheusScrapesEveryExporterOfTheHpbAndTheNodeThroughTheEndpointWithTheExportedConfiguration() throws Exception {
        List<String> up = new ArrayList<>();
        JSON.readTree(work.resolve("up.json").toFile()).path("data").path("result").forEach(series -> up.add(
                series.path("metric").path("host").asText() + "/" + series.path("metric").path("exporter").asText() + " "
                        + series.path("value").get(1).asText()));
        List<String> expected = new ArrayList<>();
        Monitoring.hpbExporters().forEach(e -> expected.add(Monitoring.HPB_HOST + "/" + e.id() + " 1"));
        Monitoring.mediaNodeExporters().forEach(e -> expected.add("media-1/" + e.id() + " 1"));
        assertThat(up).as(output).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyDashboardQueryReturnsDataFromTheRealDaemonsDuringTheCall() throws Exception {
        assertThat(JSON.readTree(work.resolve("call.report.json").toFile()).path("ok").asBoolean()).as(text("call.log")).isTrue();
        Map<String, JsonNode> results = Files.readAllLines(work.resolve("queries.results.jsonl")).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(line, e);
            }
        }).collect(Collectors.toMap(r -> r.path("expr").asText(), r -> r));
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(queries);
        assertThat(queries).allSatisfy(expr -> assertThat(results.get(expr).path("result"))
                .as("the panel query %s returns data: %s", expr, results.get(expr)).isNotEmpty());
    }

    @Test
    void theCallShowsInTheSignalingServersAndTheProxysMetrics() throws Exception {
        Map<String, JsonNode> results = new java.util.HashMap<>();
        for (String line : Files.readAllLines(work.resolve("queries.results.jsonl"))) {
            JsonNode result = JSON.readTree(line);
            results.put(result.path("expr").asText(), result.path("result"));
        }
        String publishers = queries.stream().filter(q -> q.startsWith("sum by (host) (signaling_proxy_publishers")).findFirst().orElseThrow();
        assertThat(results.get(publishers)).singleElement().satisfies(series -> {
            assertThat(series.path("metric").path("host").asText()).isEqualTo("media-1");
            assertThat(series.path("value").get(1).asDouble()).as("both participants publish on the node").isEqualTo(2);
        });
    }

    @Test
    void theWatchdogsChecksTheCertificateAndTurnReachPrometheusThroughTheNodeExporter() throws Exception {
        assertThat(text("watchdog.prom")).contains("talkhpb_check_ok{check=\"signaling-nats\"} 1",
                "talkhpb_check_ok{check=\"nginx\"} 1", "talkhpb_watchdog_restarts_total{unit=\"janus\"} 0",
                "talkhpb_turn_allocations 0").containsPattern("talkhpb_certificate_expiry_timestamp_seconds\\{path=\"[^\"]+\"} [0-9]{10}");
    }

    @Test
    void exportersListenOnLoopbackOnTheHpbAndOnThePrivateAddressOnTheNodeNeverOnAPublicOne() throws Exception {
        List<String> hpb = Files.readAllLines(work.resolve("listeners.hpb"));
        List<String> node = Files.readAllLines(work.resolve("listeners.node"));
        for (Exporter exporter : List.of(Exporter.NODE, Exporter.NGINX, Exporter.PROCESSES)) {
            assertThat(hpb).as("HPB listeners").filteredOn(l -> l.endsWith(":" + exporter.port())).containsExactly("127.0.0.1:" + exporter.port());
        }
        for (Exporter exporter : List.of(Exporter.NODE, Exporter.PROCESSES)) {
            assertThat(node).as("node listeners").filteredOn(l -> l.endsWith(":" + exporter.port()))
                    .containsExactly(NODE_PRIVATE + ":" + exporter.port());
        }
        int endpoint = deployment.monitoring().orElseThrow().port();
        assertThat(hpb).as("the endpoint: nginx, on every address (the firewalls and nginx admit metricsSourceCidrs only)")
                .filteredOn(l -> l.endsWith(":" + endpoint)).containsExactlyInAnyOrder("0.0.0.0:" + endpoint, "[::]:" + endpoint);
    }

    @Test
    void verifyWithTheScrapeConfigurationReportsEveryTargetAnswering() throws Exception {
        String verify = text("verify.txt");
        for (String target : List.of("hpb/signaling", "hpb/node", "hpb/nginx", "hpb/processes", "media-1/proxy", "media-1/node",
                "media-1/processes")) {
            assertThat(verify).as(verify).containsPattern("PASS +metrics +" + target + ": [0-9]+ samples");
        }
        assertThat(verify).doesNotContain("FAIL  metrics");
    }

    @Test
    void theEndpointAnswersOnlyTheAdmittedSourceWithTheTokenAndThePublicSiteNeverServesMetrics() throws Exception {
        assertThat(text("refusals.txt").lines().toList()).as(output).containsExactly(
                "with the token: 200",
                "without a token: 401",
                "with a wrong token: 401",
                "with the token in lower case: 401",
                "from outside metricsSourceCidrs: no answer (curl exit 28)",
                "from the HPB's own address: 403",
                "the public site's /metrics, claiming loopback: 403");
    }
}
