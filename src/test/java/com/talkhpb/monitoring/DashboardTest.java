package com.talkhpb.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.talkhpb.testing.DashboardQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard (monitoring/talk-hpb-dashboard.json) as Grafana imports it: every panel
 * asks the chosen Prometheus about the chosen HPB. MetricsIT asks each of its queries of a real
 * Prometheus scraping the real daemons during a call; this checks what needs no Prometheus.
 */
class DashboardTest {
    static final DashboardQueries QUERIES = DashboardQueries.shipped();

    @Test
    void itShowsWhatAnAdminAsksOf() {
        List<String> titles = new ArrayList<>();
        QUERIES.dashboard().path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        assertThat(titles).contains("Calls", "Participants", "Publishers", "Subscribers", "Publishers and subscribers per media node",
                "Bandwidth", "CPU per daemon", "Memory per daemon", "TURN allocations", "nginx connections", "Health checks",
                "Certificate days left", "Scrape targets");
    }

    @Test
    void everyPanelQueriesTheChosenPrometheusForTheChosenHpbOnly() {
        JsonNode dashboard = QUERIES.dashboard();
        assertThat(dashboard.path("templating").path("list")).extracting(v -> v.path("name").asText()).containsExactly("datasource", "hpb");
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        }
        Pattern selector = Pattern.compile("([a-z_:]+)\\{([^}]*)}");
        for (String[] query : QUERIES.raw()) {
            Matcher m = selector.matcher(query[1]);
            int selectors = 0;
            while (m.find()) {
                selectors++;
                assertThat(m.group(2)).as("%s: %s", query[0], m.group()).startsWith("hpb=\"$hpb\"");
            }
            assertThat(selectors).as(query[0]).isPositive();
            assertThat(query[1].replace("$hpb", "").replace("$__rate_interval", "")).as(query[0]).doesNotContain("$");
        }
    }

    @Test
    void panelIdsAndPlacesAreUniqueSoGrafanaKeepsEveryPanel() {
        List<String> ids = new ArrayList<>();
        List<String> places = new ArrayList<>();
        for (JsonNode panel : QUERIES.dashboard().path("panels")) {
            ids.add(panel.path("id").asText());
            places.add(panel.path("gridPos").path("x").asInt() + "," + panel.path("gridPos").path("y").asInt());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(places).doesNotHaveDuplicates();
    }
}
