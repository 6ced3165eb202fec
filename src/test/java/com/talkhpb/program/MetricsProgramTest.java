package com.talkhpb.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.talkhpb.testing.MapConfig;
import com.talkhpb.testing.ProgramRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * metricsSourceCidrs under the SDK's mock engine: the cloud firewalls admit the metrics port from those
 * sources only and only with the setting; the token is a generated secret, the same in nginx's site and
 * in the prometheusScrapeConfig output, which is secret.
 */
class MetricsProgramTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String SOURCES = "[\"198.51.100.9/32\",\"2001:db8:9::/48\"]";
    static final String COMMAND = "command:remote:Command";

    static ProgramRun run(String cloud, boolean metrics, int mediaNodes) {
        String stack = cloud.equals("hcloud") ? "prod" : "aws";
        MapConfig config = MapConfig.ofFixtureStack(stack).with("mediaNodes", Integer.toString(mediaNodes));
        ProgramRun run = ProgramRun.of(stack, metrics ? config.with("metricsSourceCidrs", SOURCES) : config);
        assertThat(run.result().exceptions()).as(run.errors()).isEmpty();
        return run;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules(ProgramRun run, String firewall) {
        return run.find("hcloud:index/firewall:Firewall", firewall).isPresent()
                ? (List<Map<String, Object>>) run.one("hcloud:index/firewall:Firewall", firewall).inputs().get("rules")
                : (List<Map<String, Object>>) run.one("aws:ec2/securityGroup:SecurityGroup", firewall).inputs().get("ingress");
    }

    static List<Map<String, Object>> onPort(List<Map<String, Object>> rules, int port) {
        return rules.stream().filter(r -> String.valueOf(port).equals(r.get("port"))
                || r.get("fromPort") instanceof Number from && from.intValue() == port).toList();
    }

    static String file(JsonNode bundle, String path) {
        for (JsonNode file : bundle.path("files")) {
            if (file.path("path").asText().equals(path)) {
                return file.path("content").asText();
            }
        }
        throw new AssertionError("no " + path + " in the bundle");
    }

    @Test
    void onHetznerTheFirewallAdmitsTheMetricsPortFromTheSourcesOnlyAndOnlyWithTheSetting() {
        assertThat(onPort(rules(run("hcloud", false, 0), "firewall"), 9443)).isEmpty();
        assertThat(onPort(rules(run("hcloud", true, 0), "firewall"), 9443)).singleElement().satisfies(rule -> assertThat(rule)
                .containsEntry("direction", "in").containsEntry("protocol", "tcp")
                .containsEntry("sourceIps", List.of("198.51.100.9/32", "2001:db8:9::/48")));
    }

    @Test
    void onAwsTheSecurityGroupAdmitsTheMetricsPortFromTheSourcesOnlyAndOnlyWithTheSetting() {
        assertThat(onPort(rules(run("aws", false, 0), "firewall"), 9443)).isEmpty();
        assertThat(onPort(rules(run("aws", true, 0), "firewall"), 9443)).singleElement().satisfies(rule -> assertThat(rule)
                .containsEntry("protocol", "tcp").containsEntry("toPort", 9443.0).containsEntry("cidrBlocks", List.of("198.51.100.9/32")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"hcloud", "aws"})
    void aMediaNodesFirewallAdmitsItsExportersFromTheHpbOnly(String cloud) {
        List<Map<String, Object>> without = rules(run(cloud, false, 1), "media-firewall");
        List<Map<String, Object>> with = rules(run(cloud, true, 1), "media-firewall");
        assertThat(onPort(without, 9100)).isEmpty();
        for (int port : List.of(9100, 9256)) {
            assertThat(onPort(with, port)).as("port %d", port).singleElement().satisfies(rule -> {
                if (cloud.equals("aws")) {
                    assertThat(rule).as("the HPB's security group").containsKey("securityGroups").doesNotContainKey("cidrBlocks");
                } else {
                    assertThat(rule).containsEntry("sourceIps", List.of("10.77.0.2/32"));
                }
            });
        }
        assertThat(onPort(with, 9443)).as("no metrics port on a node: it is scraped through the HPB").isEmpty();
    }

    @Test
    void theScrapeConfigurationIsASecretOutputWithTheTokenNginxChecksAndTheOtherOutputsHoldNone() throws Exception {
        ProgramRun run = run("hcloud", true, 1);
        assertThat(run.isSecret("prometheusScrapeConfig")).isTrue();
        assertThat(run.isSecret("metricsEndpoint")).isFalse();
        assertThat(run.output("metricsEndpoint")).isEqualTo("https://hpb.example.com:9443");
        JsonNode scrape = YAML.readTree((String) run.output("prometheusScrapeConfig"));
        String token = scrape.path("scrape_configs").get(0).path("authorization").path("credentials").asText();
        assertThat(token).hasSize(48);
        JsonNode bundle = JSON.readTree((String) run.one(COMMAND, "configure").inputs().get("stdin"));
        assertThat(file(bundle, "/etc/nginx/sites-enabled/talk-hpb-metrics.conf")).contains("\"Bearer " + token + "\"");
        assertThat(scrape.path("scrape_configs")).extracting(job -> job.path("job_name").asText()).containsExactly(
                "talkhpb-prod-signaling", "talkhpb-prod-proxy", "talkhpb-prod-node", "talkhpb-prod-nginx", "talkhpb-prod-processes");
        for (String name : List.of("publicIpv4", "signalingUrl", "turnServers", "firewall", "metricsEndpoint")) {
            assertThat(String.valueOf(run.output(name))).as(name).doesNotContain(token);
        }
        assertThat((String) run.one(COMMAND, "configure").inputs().get("create")).as("the step's text holds no secret")
                .doesNotContain(token).contains("exporters.sh' 'install' 'prometheus-node-exporter' 'prometheus-nginx-exporter' "
                        + "'prometheus-process-exporter'");
        assertThat((String) run.one(COMMAND, "media-1-configure").inputs().get("create"))
                .contains("exporters.sh' 'install' 'prometheus-node-exporter' 'prometheus-process-exporter'");
    }

    @Test
    void withoutTheSettingThereIsNoMetricsOutputAndConfigureStopsExportersAnEarlierRunStarted() {
        ProgramRun run = run("hcloud", false, 0);
        assertThat(run.find("random:index/randomPassword:RandomPassword", "metricsToken")).isEmpty();
        assertThat(run.result().outputs()).doesNotContainKeys("prometheusScrapeConfig", "metricsEndpoint");
        assertThat((String) run.one(COMMAND, "configure").inputs().get("create"))
                .contains("exporters.sh' 'off' 'prometheus-node-exporter' 'prometheus-nginx-exporter' 'prometheus-process-exporter'");
    }
}
