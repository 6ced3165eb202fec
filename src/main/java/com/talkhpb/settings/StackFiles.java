package com.talkhpb.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stack configuration read straight from {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}, the way
 * the Pulumi engine would hand it over, for use without the engine (the {@code render} command).
 * Values in the stack file override those in the project file; {@code secure:} values cannot be
 * decrypted here and read as {@link ConfigSource#ENCRYPTED}.
 */
public final class StackFiles implements ConfigSource {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stackName;
    private final Map<String, String> values;
    private final Set<String> plainText;
    private final Set<String> withoutNamespace;

    private StackFiles(String stackName, Map<String, String> values, Set<String> plainText, Set<String> withoutNamespace) {
        this.stackName = stackName;
        this.values = values;
        this.plainText = plainText;
        this.withoutNamespace = withoutNamespace;
    }

    /** Reads the project in {@code projectDir} for stack {@code stackName}; the stack file must exist. */
    public static StackFiles read(Path projectDir, String stackName) {
        Path stackFile = projectDir.resolve("Pulumi." + stackName + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException("no stack file " + stackFile + " (create it with: pulumi stack init "
                    + stackName + ", then pulumi config set ...)");
        }
        Map<String, String> values = new TreeMap<>();
        Set<String> plainText = new TreeSet<>();
        Set<String> withoutNamespace = new TreeSet<>();
        Path projectFile = projectDir.resolve("Pulumi.yaml");
        if (Files.isRegularFile(projectFile)) {
            collect(readYaml(projectFile).path("config"), values, true, plainText, withoutNamespace);
        }
        plainText.clear();
        collect(readYaml(stackFile).path("config"), values, false, plainText, withoutNamespace);
        return new StackFiles(stackName, values, plainText, withoutNamespace);
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(file.getFileName() + " is not valid YAML" + where + ": " + e.getOriginalMessage()
                    + ". Fix that line (indent with spaces; quote values that contain ': ' or start with '*', '&' or '!').");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode config, Map<String, String> into, boolean projectFile, Set<String> plainText,
            Set<String> withoutNamespace) {
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String prefix = Settings.NAMESPACE + ":";
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            } else if (name.contains(":")) {
                continue; // another namespace (hcloud:token, ...)
            } else if (!projectFile) {
                withoutNamespace.add(name);
                continue;
            }
            if (projectFile && value.isObject() && !value.has("secure")) {
                // Project file declarations: {type, description, default, secret}; only the default is a value.
                if (!value.has("default")) {
                    continue;
                }
                value = value.get("default");
            }
            into.put(name, text(value));
            if (!(value.isObject() && value.size() == 1 && value.has("secure"))) {
                plainText.add(name);
            }
        }
    }

    /** The value as Pulumi passes it to a program: scalars as text, structures as JSON. */
    private static String text(JsonNode value) {
        JsonNode plain = replaceSecure(value);
        return plain.isValueNode() ? plain.asText() : plain.toString();
    }

    private static JsonNode replaceSecure(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("secure")) {
            return TextNode.valueOf(ENCRYPTED);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), replaceSecure(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(replaceSecure(item)));
            return copy;
        }
        return node;
    }

    @Override
    public String stackName() {
        return stackName;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean storedAsSecret(String key) {
        return !plainText.contains(key);
    }

    @Override
    public Set<String> keysWithoutNamespace() {
        return withoutNamespace;
    }
}
