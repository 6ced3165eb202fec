package com.talkhpb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PromQL of every panel of the shipped Grafana dashboard (monitoring/talk-hpb-dashboard.json). */
public final class DashboardQueries {
    public static final Path DASHBOARD = Path.of("monitoring", "talk-hpb-dashboard.json");
    private final JsonNode dashboard;

    private DashboardQueries(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    public static DashboardQueries shipped() {
        try {
            return new DashboardQueries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode dashboard() {
        return dashboard;
    }

    /** Each panel's queries as written, with the panel's title. */
    public List<String[]> raw() {
        List<String[]> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new String[] {panel.path("title").asText(), target.path("expr").asText()});
            }
        }
        return queries;
    }

    /** The queries as Grafana would send them for one HPB ({@code $hpb}) and rate window ({@code $__rate_interval}). */
    public List<String> exprs(String hpb, String rateInterval) {
        return raw().stream().map(q -> q[1].replace("$__rate_interval", rateInterval).replace("$hpb", hpb)).toList();
    }
}
