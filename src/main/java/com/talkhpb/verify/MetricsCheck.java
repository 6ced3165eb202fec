package com.talkhpb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * {@code verify --metrics}: asks every target of the prometheusScrapeConfig output as Prometheus would
 * (HTTPS, the token, from here), one line per host and exporter, with what to do when one does not answer.
 */
public final class MetricsCheck {
    static final String NAME = "metrics";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final HttpClient http;

    public MetricsCheck(SSLContext tls) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One target of the scrape configuration. */
    public record Target(String job, URI url, String token, String host, String exporter) {
    }

    /** The targets of a prometheusScrapeConfig text; a text that is not one fails with what it lacks. */
    public static List<Target> targets(String scrapeConfig) throws IOException {
        JsonNode jobs = YAML.readTree(scrapeConfig).path("scrape_configs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            throw new IOException("no scrape_configs: give the prometheusScrapeConfig output "
                    + "(pulumi stack output --show-secrets prometheusScrapeConfig > scrape.yml)");
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode job : jobs) {
            String token = job.path("authorization").path("credentials").asText();
            for (JsonNode group : job.path("static_configs")) {
                JsonNode labels = group.path("labels");
                for (JsonNode address : group.path("targets")) {
                    targets.add(new Target(job.path("job_name").asText(),
                            URI.create(job.path("scheme").asText("http") + "://" + address.asText() + labels.path("__metrics_path__").asText("/metrics")),
                            token, labels.path("host").asText(), labels.path("exporter").asText()));
                }
            }
        }
        return targets;
    }

    public List<Check> run(List<Target> targets) {
        return targets.stream().map(this::ask).toList();
    }

    private Check ask(Target target) {
        String what = target.host() + "/" + target.exporter();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.url()).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + target.token()).build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> {
                    long samples = response.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
                    yield samples > 0 ? Check.pass(NAME, what + ": " + samples + " samples")
                            : Check.fail(NAME, what + ": answered with no samples", "See the exporter's log on " + target.host() + ".");
                }
                case 401 -> Check.fail(NAME, what + ": the token was refused (HTTP 401)",
                        "Use the current prometheusScrapeConfig output: the token changes with secretsGeneration.");
                case 403 -> Check.fail(NAME, what + ": this address is not in metricsSourceCidrs (HTTP 403)",
                        "Run verify from your Prometheus host, or add this address to metricsSourceCidrs and run pulumi up.");
                case 502, 504 -> Check.fail(NAME, what + ": the endpoint answers, the exporter does not (HTTP " + response.statusCode() + ")",
                        "On " + target.host() + ": systemctl status of its exporter (" + target.exporter() + "), or the daemon itself.");
                default -> Check.fail(NAME, what + ": HTTP " + response.statusCode(), "");
            };
        } catch (HttpTimeoutException | ConnectException e) {
            return Check.fail(NAME, what + ": no answer from " + target.url().getAuthority() + " (" + e.getClass().getSimpleName() + ")",
                    "The firewalls admit the metrics port from metricsSourceCidrs only: run verify from there, or add this address.");
        } catch (IOException e) {
            return Check.fail(NAME, what + ": " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(NAME, what + ": interrupted", "");
        }
    }
}
