package com.talkhpb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import com.talkhpb.testing.FixtureStacks;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as the Pulumi language host and users run it. The AWS SDK in it is minimised (only
 * the classes ours reach), so the program is run from the jar alone, never with the full libraries beside it.
 */
class FatJarIT {
    static final Path JAR = Path.of("target", "talk-hpb.jar");

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theLanguageHostFindsEveryProviderPluginAtItsPinnedVersion() throws Exception {
        assertThat(JAR).exists();
        String output = run("java", "-cp", JAR.toString(), "com.pulumi.bootstrap.internal.Main", "packages");

        Map<String, String> versions = new HashMap<>();
        for (JsonNode plugin : new ObjectMapper().readTree(output)) {
            versions.put(plugin.path("name").asText(), plugin.path("version").asText());
        }
        assertThat(versions).containsEntry("hcloud", "1.39.1").containsEntry("random", "4.21.1")
                .containsEntry("command", "1.2.1").containsEntry("tls", "5.5.1").containsEntry("aws", "6.83.0");
    }

    @Test
    void theProgramRunsFromTheJarAloneOnBothClouds() throws Exception {
        // Only the jar and the test harness (which needs nothing beyond the jar): a class the
        // minimisation dropped would fail here as it would under pulumi up.
        String classpath = JAR + ":" + Path.of("target", "test-classes");
        for (String stack : List.of("prod", "aws")) {
            String resources = run("java", "-Dtalkhpb.stack=" + stack, "-cp", classpath,
                    "com.talkhpb.bench.ProgramUnderMocks", "count").strip();
            assertThat(Integer.parseInt(resources)).as("resources of the %s stack", stack).isGreaterThan(10);
        }
    }

    @Test
    void everyAwsClassInTheJarHasEveryTypeItsFieldsAndMethodsNameSoTheEnginesAnswersDeserialise() throws Exception {
        // The engine answers with every output of a resource or function, also those the program never
        // reads; the SDK builds their types by reflection from the fields' generic types, which the
        // minimisation cannot see as uses. Resolving every signature finds a dropped one.
        List<String> broken = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(JAR.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("com/pulumi/aws/") || !name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                classes++;
                try {
                    Class<?> type = Class.forName(className, false, loader);
                    for (Field field : type.getDeclaredFields()) {
                        field.getGenericType().getTypeName();
                    }
                    for (Method method : type.getDeclaredMethods()) {
                        method.getGenericReturnType().getTypeName();
                        for (java.lang.reflect.Type parameter : method.getGenericParameterTypes()) {
                            parameter.getTypeName();
                        }
                    }
                } catch (LinkageError | TypeNotPresentException | ClassNotFoundException e) {
                    broken.add(className + ": " + e);
                }
            }
        }
        assertThat(classes).as("AWS classes in the jar").isGreaterThan(100);
        assertThat(broken).as("AWS classes naming a type the jar lacks").isEmpty();
    }

    @Test
    void theJarRendersABundle() throws Exception {
        Path out = Files.createTempDirectory("talk-hpb-jar-");
        String output = run("java", "-jar", JAR.toString(), "render", "--stack", "prod", "--project-dir",
                FixtureStacks.projectDir().toString(), "--out", out.toString());

        assertThat(output).contains("wrote");
        assertThat(out.resolve("manifest.json")).exists();
    }

    @Test
    void runByHandWithoutArgumentsItSaysItIsThePulumiProgramAndHowToRunItNoStackTrace() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PULUMI_"));
        builder.environment().put("TALK_HPB_SHOULD_NOT_BE_PRINTED", "x");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("pulumi up --stack", "render --help").doesNotContain("Exception")
                .doesNotContain("TALK_HPB_SHOULD_NOT_BE_PRINTED");
    }

    @Test
    void twoRunsInSeparateJvmsRenderTheSameBytesSoANoOpUpdateChangesNothing() throws Exception {
        // Map.of's iteration order changes from one JVM to the next: anything rendered from one would
        // differ between runs, and every pulumi up would update the provisioning steps.
        Path first = Files.createTempDirectory("talk-hpb-jar-a-");
        Path second = Files.createTempDirectory("talk-hpb-jar-b-");
        for (Path out : List.of(first, second)) {
            run("java", "-jar", JAR.toString(), "render", "--stack", "prod", "--project-dir",
                    FixtureStacks.projectDir().toString(), "--out", out.toString());
        }

        String diff = run("diff", "-r", first.toString(), second.toString());
        assertThat(diff).isEmpty();
    }
}
