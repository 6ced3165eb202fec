package com.talkhpb.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.talkhpb.model.Deployment;
import com.talkhpb.model.Monitoring;
import com.talkhpb.model.PortRule;
import com.talkhpb.model.Protocol;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.Rendered;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics endpoint and its exporters as rendered: only with metricsSourceCidrs, from the same port plan as the firewalls. */
class MetricsRenderingTest {
    static final MapConfig WITH_METRICS = MapConfig.valid().with("metricsSourceCidrs", "[\"198.51.100.9/32\",\"2001:db8:9::/48\"]");
    static final String NODE_PRIVATE = "10.77.0.11";
    static final String HPB_PRIVATE = "10.77.0.2";

    static Bundle hpbWithNode(MapConfig config) {
        Deployment d = Rendered.deployment(config).withMediaNodes(1);
        return Bundle.render(d, new HostFacts(Rendered.PUBLIC_IPV4).withPrivateNetwork(HPB_PRIVATE,
                List.of(new HostFacts.NodeAddresses("203.0.113.31", NODE_PRIVATE))), Rendered.secrets());
    }

    static Bundle node(MapConfig config) {
        Deployment d = Rendered.deployment(config).withMediaNodes(1);
        return Bundle.renderMediaNode(d, d.mediaNodes().get(0), new HostFacts("203.0.113.31").withPrivateNetwork(NODE_PRIVATE, List.of()),
                HPB_PRIVATE, Rendered.secrets());
    }

    static List<String> paths(Bundle bundle) {
        return bundle.files().stream().map(BundleFile::bundlePath).toList();
    }

    @Test
    void withoutMetricsSourceCidrsNothingOfTheEndpointIsRenderedOrOpenedAndAnEarlierEndpointIsRemoved() {
        Deployment d = Rendered.deployment(MapConfig.valid());
        Bundle bundle = Rendered.bundle(MapConfig.valid());
        assertThat(d.monitoring()).isEmpty();
        assertThat(d.portPlan().rules()).noneMatch(rule -> rule.ports().min() == 9443);
        assertThat(paths(bundle)).noneMatch(path -> path.contains("metrics") || path.contains("prometheus") || path.contains("exporter"));
        assertThat(bundle.file("etc/nginx/nginx.conf").content()).doesNotContain("metrics");
        assertThat(bundle.file("etc/talk-hpb/watchdog.json").content()).doesNotContain("textfile");
        assertThat(d.allSecrets()).doesNotContain(Monitoring.TOKEN);
        assertThat(BundleWriter.removedPaths(bundle)).contains("/etc/nginx/sites-enabled/talk-hpb-metrics.conf");
        assertThat(paths(node(MapConfig.valid()))).noneMatch(path -> path.contains("prometheus") || path.contains("exporter"));
    }

    @Test
    void theEndpointIsOnePortOfThePlanFromTheSourcesOnlyOnTheHpbAndTheExportersPortsFromTheHpbOnANode() {
        Deployment d = Rendered.deployment(WITH_METRICS);
        assertThat(d.portPlan().rules()).filteredOn(rule -> rule.ports().min() == 9443).singleElement().satisfies(rule -> {
            assertThat(rule.protocol()).isEqualTo(Protocol.TCP);
            assertThat(rule.sourceCidrs()).containsExactly("198.51.100.9/32", "2001:db8:9::/48");
        });
        assertThat(d.mediaNodePortPlan(HPB_PRIVATE).rules()).filteredOn(rule -> rule.sourceCidrs().equals(List.of(HPB_PRIVATE + "/32")))
                .extracting(rule -> rule.protocol() + " " + rule.ports()).containsExactly("TCP 9090", "TCP 9100", "TCP 9256");
        String nft = Rendered.file(WITH_METRICS, "etc/talk-hpb/firewall.nft");
        assertThat(nft).contains("ip saddr { 198.51.100.9/32 } tcp dport 9443 accept", "ip6 saddr { 2001:db8:9::/48 } tcp dport 9443 accept")
                .doesNotContain("\n    tcp dport 9443 accept");
        assertThat(node(WITH_METRICS).file("etc/talk-hpb/firewall.nft").content())
                .contains("ip saddr { 10.77.0.2/32 } tcp dport 9100 accept", "ip saddr { 10.77.0.2/32 } tcp dport 9256 accept");
    }

    @Test
    void nginxServesEachExporterOfEachHostForTheSourcesWithTheTokenAndClearsForwardedAddresses() {
        Bundle bundle = hpbWithNode(WITH_METRICS);
        BundleFile site = bundle.file("etc/nginx/sites-enabled/talk-hpb-metrics.conf");
        String token = Rendered.secrets().valueOf(Monitoring.TOKEN);
        assertThat(site.secret()).isTrue();
        assertThat(site.mode() + " " + site.owner() + ":" + site.group()).isEqualTo("0640 root:root");
        assertThat(site.content()).contains(
                "geo $talk_hpb_metrics_source {\n    default 0;\n    198.51.100.9/32 1;\n    2001:db8:9::/48 1;\n}",
                "listen 9443 ssl;", "listen [::]:9443 ssl;", "server_name hpb.example.com;",
                "if ($talk_hpb_metrics_source = 0) {\n        return 403;",
                "if ($http_authorization != \"Bearer " + token + "\") {\n        return 401;",
                "location = /metrics/hpb/signaling {\n        proxy_pass http://127.0.0.1:8080/metrics;",
                "location = /metrics/hpb/node {\n        proxy_pass http://127.0.0.1:9100/metrics;",
                "location = /metrics/hpb/nginx {\n        proxy_pass http://127.0.0.1:9113/metrics;",
                "location = /metrics/hpb/processes {\n        proxy_pass http://127.0.0.1:9256/metrics;",
                "location = /metrics/media-1/proxy {\n        proxy_pass http://10.77.0.11:9090/metrics;",
                "location = /metrics/media-1/node {\n        proxy_pass http://10.77.0.11:9100/metrics;",
                "location = /metrics/media-1/processes {\n        proxy_pass http://10.77.0.11:9256/metrics;",
                "proxy_set_header X-Real-IP \"\";", "listen 127.0.0.1:9180;", "location = /stub_status {\n        stub_status;");
        assertThat(site.content().indexOf("return 403")).as("the source is checked before the token").isLessThan(site.content().indexOf("return 401"));
        assertThat(bundle.file("etc/nginx/nginx.conf").content()).contains("include /etc/nginx/sites-enabled/talk-hpb-metrics.conf;");
        assertThat(BundleWriter.removedPaths(bundle)).doesNotContain("/etc/nginx/sites-enabled/talk-hpb-metrics.conf");
        assertThat(bundle.deployment().allSecrets()).contains(Monitoring.TOKEN);
        assertThat(Monitoring.TOKEN.length()).isGreaterThanOrEqualTo(48);
    }

    @Test
    void theExportersListenOnLoopbackOnTheHpbAndOnThePrivateAddressOnANodeAndRestartAfterACrash() {
        Bundle hpb = hpbWithNode(WITH_METRICS);
        assertThat(hpb.file("etc/systemd/system/prometheus-node-exporter.service.d/talk-hpb.conf").content()).contains(
                "ExecStart=\nExecStart=/usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:9100 "
                        + "--collector.textfile.directory=/var/lib/prometheus/node-exporter\n");
        assertThat(hpb.file("etc/systemd/system/prometheus-nginx-exporter.service.d/talk-hpb.conf").content()).contains(
                "ExecStart=/usr/bin/prometheus-nginx-exporter -web.listen-address=127.0.0.1:9113 -nginx.scrape-uri=http://127.0.0.1:9180/stub_status\n");
        assertThat(hpb.file("etc/systemd/system/prometheus-process-exporter.service.d/talk-hpb.conf").content()).contains(
                "-web.listen-address=127.0.0.1:9256 -config.path=/etc/prometheus/talk-hpb-process-exporter.yml -threads=false -gather-smaps=false");
        assertThat(hpb.file("etc/systemd/system/prometheus-node-exporter.service.d/" + SystemdRestartPolicy.DROP_IN).content())
                .contains("Restart=on-failure");
        Bundle node = node(WITH_METRICS);
        assertThat(node.file("etc/systemd/system/prometheus-node-exporter.service.d/talk-hpb.conf").content())
                .contains("--web.listen-address=" + NODE_PRIVATE + ":9100 ");
        assertThat(paths(node)).noneMatch(path -> path.contains("nginx-exporter"));
        assertThat(Rendered.ini(node.file("etc/nextcloud-spreed-signaling/proxy.conf").content()).get("stats").get("allowed_ips"))
                .as("the proxy's /metrics for the HPB's endpoint").isEqualTo(NODE_PRIVATE + ", " + HPB_PRIVATE);
        assertThat(Rendered.ini(node(MapConfig.valid()).file("etc/nextcloud-spreed-signaling/proxy.conf").content()).get("stats")
                .get("allowed_ips")).isEqualTo(NODE_PRIVATE);
    }

    @Test
    void theProcessExporterNamesEachDaemonOfTheHost() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> hpb = new ArrayList<>();
        yaml.readTree(hpbWithNode(WITH_METRICS).file("etc/prometheus/talk-hpb-process-exporter.yml").content()).path("process_names")
                .forEach(group -> hpb.add(group.path("name").asText()));
        assertThat(hpb).containsExactly("nats-server", "coturn", "janus", "signaling", "nginx");
        JsonNode node = yaml.readTree(node(WITH_METRICS).file("etc/prometheus/talk-hpb-process-exporter.yml").content()).path("process_names");
        assertThat(node.get(1).path("exe").get(0).asText()).isEqualTo("nextcloud-spreed-signaling-proxy");
    }

    @Test
    void theWatchdogWritesForTheNodeExporterWithTheCertificateAndTurnsRelayRangeOnTheHpb() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode hpb = json.readTree(hpbWithNode(WITH_METRICS).file("etc/talk-hpb/watchdog.json").content());
        assertThat(hpb.path("textfile").asText()).isEqualTo("/var/lib/prometheus/node-exporter/talk-hpb-watchdog.prom");
        assertThat(hpb.path("certificate").asText()).isEqualTo("/etc/talk-hpb/tls/fullchain.pem");
        assertThat(hpb.path("turnRelayPorts").toString()).isEqualTo("[49152,65535]");
        JsonNode node = json.readTree(node(WITH_METRICS).file("etc/talk-hpb/watchdog.json").content());
        assertThat(node.has("textfile")).isTrue();
        assertThat(node.has("certificate")).isFalse();
        assertThat(hpbWithNode(WITH_METRICS).file("etc/systemd/system/talk-hpb-watchdog.service").content())
                .contains("ReadWritePaths=-/var/lib/prometheus/node-exporter\n");
    }

    @Test
    void aRuleOfThePlanNamesTheEndpointForTheCloudFirewalls() {
        PortRule rule = Rendered.deployment(WITH_METRICS).portPlan().rules().stream().filter(r -> r.ports().min() == 9443).findFirst().orElseThrow();
        assertThat(rule.reason()).contains("Metrics");
    }
}
