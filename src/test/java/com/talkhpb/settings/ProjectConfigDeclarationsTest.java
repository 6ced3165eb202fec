package com.talkhpb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.talkhpb.testing.MapConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pulumi.yaml declares every setting (type, description, default, secret) exactly as ConfigKey
 * does, so `pulumi config` and the Pulumi Console document the same keys the program validates.
 */
class ProjectConfigDeclarationsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(YAMLGenerator.Feature.SPLIT_LINES));
    static final List<String> PULUMI_TYPES = List.of("string", "integer", "boolean", "array");

    static ObjectNode expectedDeclarations() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.type() == ConfigKey.ValueType.LIST_OF_OBJECTS) {
                continue;
            }
            ObjectNode declaration = config.putObject(key.key());
            switch (key.type()) {
                case STRING -> declaration.put("type", "string");
                case INTEGER -> declaration.put("type", "integer");
                case BOOLEAN -> declaration.put("type", "boolean");
                case STRING_LIST -> declaration.put("type", "array").putObject("items").put("type", "string");
                default -> throw new IllegalStateException(key.type().toString());
            }
            declaration.put("description", key.description());
            if (key.secret()) {
                declaration.put("secret", true);
            }
            key.defaultValue().ifPresent(value -> {
                switch (key.type()) {
                    case INTEGER -> declaration.put("default", Integer.parseInt(value));
                    case BOOLEAN -> declaration.put("default", Boolean.parseBoolean(value));
                    default -> declaration.put("default", value);
                }
            });
        }
        return config;
    }

    @Test
    void pulumiYamlDeclaresEverySettingAsConfigKeyDoes() throws Exception {
        JsonNode declared = YAML.readTree(Path.of("Pulumi.yaml").toFile()).path("config");
        ObjectNode expected = expectedDeclarations();

        assertThat(declared).as("Pulumi.yaml config: should read\n%s", YAML.writeValueAsString(expected)).isEqualTo(expected);
    }

    @Test
    void everyDeclarationIsOnePulumiAccepts() throws Exception {
        JsonNode declared = YAML.readTree(Path.of("Pulumi.yaml").toFile()).path("config");

        declared.fields().forEachRemaining(entry -> {
            JsonNode declaration = entry.getValue();
            assertThat(declaration.path("type").asText()).as(entry.getKey()).isIn(PULUMI_TYPES);
            if (declaration.path("type").asText().equals("array")) {
                assertThat(declaration.path("items").path("type").asText()).as(entry.getKey()).isIn(PULUMI_TYPES);
            }
            declaration.fieldNames().forEachRemaining(field ->
                    assertThat(field).as(entry.getKey()).isIn("type", "items", "description", "secret", "default"));
            assertThat(entry.getKey()).as("project keys are written without the namespace").doesNotContain(":");
        });
    }

    @Test
    void aDeclaredDefaultMeansWhatLeavingTheKeyOutMeans() {
        for (ConfigKey key : ConfigKey.values()) {
            key.defaultValue().ifPresent(value -> assertThat(SettingsReader.read(MapConfig.valid().with(key.key(), value)))
                    .as(key.key()).isEqualTo(SettingsReader.read(MapConfig.valid().without(key.key()))));
        }
    }
}
