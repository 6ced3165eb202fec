package com.talkhpb.model;

import com.talkhpb.facts.SecretKind;
import java.util.List;

/**
 * The metrics endpoint: nginx on the HPB's domain at {@link #port}, over TLS, for {@link #sourceCidrs}
 * only and with the bearer token {@link #TOKEN}; each exporter of each host under
 * {@code /metrics/<host>/<exporter>}. Media nodes are scraped through it too, over the private network:
 * they have no public name or certificate of their own, and one endpoint means one firewall rule, one
 * credential and one TLS name for the admin. Exporters listen on loopback (on a media node: its private
 * address, for the HPB alone), never on a public address.
 */
public record Monitoring(int port, List<String> sourceCidrs) {
    public static final SecretRef TOKEN = new SecretRef("metricsToken", SecretKind.METRICS_TOKEN);
    /** The HPB's name in the endpoint's paths and the label {@code host}; media nodes go by theirs (media-1, …). */
    public static final String HPB_HOST = "hpb";

    public Monitoring {
        sourceCidrs = List.copyOf(sourceCidrs);
        if (sourceCidrs.isEmpty()) {
            throw new IllegalArgumentException("a metrics endpoint needs at least one source");
        }
    }

    public static List<Exporter> hpbExporters() {
        return List.of(Exporter.SIGNALING, Exporter.NODE, Exporter.NGINX, Exporter.PROCESSES);
    }

    public static List<Exporter> mediaNodeExporters() {
        return List.of(Exporter.PROXY, Exporter.NODE, Exporter.PROCESSES);
    }

    /** Where the endpoint serves one exporter of one host. */
    public static String path(String host, Exporter exporter) {
        return "/metrics/" + host + "/" + exporter.id();
    }

    /** The packages of the exporters a host runs (the HPB's, or a media node's). */
    public static List<String> packages(List<Exporter> exporters) {
        return exporters.stream().filter(Exporter::installed).map(Exporter::debianPackage).toList();
    }
}
