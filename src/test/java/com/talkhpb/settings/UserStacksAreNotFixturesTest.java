package com.talkhpb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pulumi.prod.yaml and its siblings are the admin's to edit (README's quickstart says so): no test may
 * read them, or the admin's first pull request goes red. Tests read their own stacks (FixtureStacks).
 */
class UserStacksAreNotFixturesTest {
    /** Ways a test could reach the project's own stack files. */
    static final List<Pattern> READS_USER_STACKS = List.of(
            Pattern.compile("StackFiles\\.read\\(Path\\.of\\(\"\\.\"\\)"),
            Pattern.compile("Path\\.of\\(\"(\\./)?Pulumi\\.(prod|test|aws)\\.yaml\""),
            Pattern.compile("\"render\", \"--stack\", \"[a-z]+\", \"--out\""));

    @Test
    void noTestReadsACommittedUserStack() throws Exception {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "test", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                for (Pattern pattern : READS_USER_STACKS) {
                    if (!source.endsWith("UserStacksAreNotFixturesTest.java") && pattern.matcher(text).find()) {
                        offenders.add(source + " (" + pattern + ")");
                    }
                }
            }
        }
        assertThat(offenders).as("read FixtureStacks instead").isEmpty();
    }

    @Test
    void theFixtureStacksAreTheTestsOwnFilesNotTheUsers() throws Exception {
        Path fixtures = com.talkhpb.testing.FixtureStacks.projectDir();

        assertThat(fixtures.toAbsolutePath().startsWith(Path.of("").toAbsolutePath())).as("outside the project").isFalse();
        for (String stack : List.of("prod", "test", "aws", "existing")) {
            assertThat(Files.readString(fixtures.resolve("Pulumi." + stack + ".yaml")))
                    .isEqualTo(Files.readString(Path.of("src", "test", "resources", "stacks", "Pulumi." + stack + ".yaml")))
                    .startsWith("# Test fixture");
        }
    }
}
