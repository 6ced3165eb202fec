package com.talkhpb.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell step of the GitHub workflows passes shellcheck, and none puts a ${{ }} expression into
 * the script text (values reach scripts through env, so a branch name cannot inject commands). The
 * workflow schema itself is checked by scripts/lint-workflows.sh.
 */
class WorkflowShellStepsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Step(String where, String script) {
    }

    static List<Step> runSteps() throws Exception {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(".github/workflows"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                JsonNode workflow = YAML.readTree(file.toFile());
                workflow.path("jobs").fields().forEachRemaining(job -> {
                    int index = 0;
                    for (JsonNode step : job.getValue().path("steps")) {
                        if (step.has("run")) {
                            steps.add(new Step(file.getFileName() + " job " + job.getKey() + " step " + index + " ("
                                    + step.path("name").asText("unnamed") + ")", step.path("run").asText()));
                        }
                        index++;
                    }
                });
            }
        }
        return steps;
    }

    @Test
    void thereAreShellStepsToCheck() throws Exception {
        assertThat(runSteps()).hasSizeGreaterThan(5);
    }

    @Test
    void noShellStepInterpolatesAnExpression() throws Exception {
        assertThat(runSteps()).allSatisfy(step -> assertThat(step.script()).as(step.where()).doesNotContain("${{"));
    }

    @Test
    void everyShellStepPassesShellcheck(@TempDir Path dir) throws Exception {
        List<String> findings = new ArrayList<>();
        for (Step step : runSteps()) {
            // GitHub runs `run:` with bash -e; shellcheck sees it the same way.
            Path script = Files.writeString(dir.resolve("step.sh"), "#!/bin/bash\nset -e\n" + step.script());
            Process shellcheck = new ProcessBuilder("shellcheck", "-s", "bash", "-f", "gcc", script.toString())
                    .redirectErrorStream(true).start();
            String out = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (shellcheck.waitFor() != 0) {
                findings.add(step.where() + ":\n" + out);
            }
        }
        assertThat(findings).as(String.join("\n", findings)).isEmpty();
    }
}
