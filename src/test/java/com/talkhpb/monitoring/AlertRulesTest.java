package com.talkhpb.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules (monitoring/talk-hpb-alerts.yml) under Debian's promtool: they load, their
 * unit tests (talk-hpb-alerts.test.yml, synthetic series) pass, and every rule has a case where it
 * fires and is silent on a healthy HPB.
 */
class AlertRulesTest {
    static final Path RULES = Path.of("monitoring", "talk-hpb-alerts.yml");
    static final Path TESTS = Path.of("monitoring", "talk-hpb-alerts.test.yml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    static List<String> alerts() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            group.path("rules").forEach(rule -> names.add(rule.path("alert").asText()));
        }
        return names;
    }

    @Test
    void theRulesLoad() throws Exception {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void theirUnitTestsPass() throws Exception {
        assertThat(promtool("test", "rules", TESTS.toString())).contains("SUCCESS");
    }

    @Test
    void everyRuleHasACaseWhereItFiresAndIsSilentOnAHealthyHpb() throws Exception {
        Set<String> fired = new LinkedHashSet<>();
        Set<String> silentWhenHealthy = new LinkedHashSet<>();
        for (JsonNode test : YAML.readTree(TESTS.toFile()).path("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                if (expectation.path("exp_alerts").size() > 0) {
                    fired.add(expectation.path("alertname").asText());
                } else if (test.path("name").asText().startsWith("a healthy HPB")) {
                    silentWhenHealthy.add(expectation.path("alertname").asText());
                }
            }
        }
        assertThat(fired).containsExactlyInAnyOrderElementsOf(alerts());
        assertThat(silentWhenHealthy).containsExactlyInAnyOrderElementsOf(alerts());
    }

    @Test
    void everyAlertSaysHowBadItIsWhatHappenedAndWhatToDo() throws Exception {
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(rule.path("alert").asText()).isNotBlank();
            }
        }
    }
}
