package com.talkhpb.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The published provider schemas in ../shared/provider-schemas/ (present in developer checkouts and CI,
 * not on users' machines). Tests that need them skip, saying so, when they are absent.
 */
public final class ProviderSchemas {
    public static final Path DIRECTORY = Path.of("..", "shared", "provider-schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> resources = new HashMap<>();
    private final Map<String, JsonNode> types = new HashMap<>();
    private final Map<String, JsonNode> notes = new HashMap<>();

    private ProviderSchemas() {
    }

    /** The schemas, or a skipped test that names the missing directory. */
    public static ProviderSchemas loadOrSkip() {
        boolean present = Files.isDirectory(DIRECTORY);
        if (!present) {
            System.out.println("SKIPPED: provider schema checks need " + DIRECTORY.toAbsolutePath() + ", which is absent");
        }
        assumeTrue(present, "provider schemas absent at " + DIRECTORY.toAbsolutePath() + ": schema checks skipped");
        ProviderSchemas schemas = new ProviderSchemas();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                String pkg = root.path("package").asText(root.path("name").asText());
                root.path("resources").fields().forEachRemaining(e -> schemas.resources.put(e.getKey(), e.getValue()));
                root.path("types").fields().forEachRemaining(e -> schemas.types.put(e.getKey(), e.getValue()));
                schemas.notes.put(pkg, root.path("notes"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    public Optional<JsonNode> resource(String type) {
        return Optional.ofNullable(resources.get(type));
    }

    public Optional<JsonNode> type(String ref) {
        return Optional.ofNullable(types.get(ref.replace("#/types/", "")));
    }

    /** additionalSecretOutputs the official Java SDK adds for a resource type. */
    public JsonNode javaSecretOutputs(String type) {
        for (JsonNode note : notes.values()) {
            JsonNode entry = note.path("javaSdkAdditionalSecretOutputs").path(type);
            if (!entry.isMissingNode()) {
                return entry;
            }
        }
        return JSON.createArrayNode();
    }
}
