package com.talkhpb.testing;

import com.talkhpb.settings.StackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The tests' own stacks (src/test/resources/stacks/Pulumi.&lt;name&gt;.yaml) in a project directory beside
 * the real Pulumi.yaml. The committed Pulumi.prod.yaml and its siblings are the user's to edit: no test
 * reads them, so an admin's first edit can never fail the suite.
 */
public final class FixtureStacks {
    static final Path SOURCES = Path.of("src", "test", "resources", "stacks");
    private static Path projectDir;

    private FixtureStacks() {
    }

    /** A project directory: the real Pulumi.yaml and the fixture stack files. */
    public static synchronized Path projectDir() {
        if (projectDir == null) {
            try {
                Path dir = Files.createTempDirectory("talk-hpb-fixture-stacks-");
                Files.copy(Path.of("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
                try (Stream<Path> stacks = Files.list(SOURCES)) {
                    for (Path stack : stacks.toList()) {
                        Files.copy(stack, dir.resolve(stack.getFileName()));
                    }
                }
                projectDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return projectDir;
    }

    public static StackFiles read(String stack) {
        return StackFiles.read(projectDir(), stack);
    }
}
