package com.talkhpb.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stack's raw values, read as the config holds them: stripped text, booleans, JSON lists and
 * objects; and the check that every key is one of talk-hpb's (with a "did you mean" for typos).
 */
final class RawValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigSource config;
    private final Problems problems;

    RawValues(ConfigSource config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    boolean storedAsSecret(String key) {
        return config.storedAsSecret(key);
    }

    /** The value as written, unstripped (secrets and PEM keep their bytes). */
    Optional<String> get(String key) {
        return config.get(key);
    }

    Optional<String> raw(ConfigKey key) {
        return config.get(key.key()).map(String::strip).filter(v -> !v.isEmpty());
    }

    void rejectUnknownKeys() {
        for (String key : config.keysWithoutNamespace()) {
            if (ConfigKey.byKey(key).isPresent()) {
                problems.add(key, "is written without the talk-hpb: prefix in Pulumi." + config.stackName()
                        + ".yaml, so Pulumi does not give it to talk-hpb.", "Write it as " + Settings.NAMESPACE + ":" + key
                        + " (pulumi config set " + Settings.NAMESPACE + ":" + key + " … does).");
            }
        }
        for (String key : config.keys().stream().sorted().toList()) {
            if (ConfigKey.byKey(key).isEmpty()) {
                String suggestion = closestKey(key)
                        .map(k -> "Did you mean " + k.qualified() + "?")
                        .orElse("Remove it; README lists every key.");
                problems.add(key, "is not a setting of talk-hpb.", suggestion);
            }
        }
    }

    static Optional<ConfigKey> closestKey(String key) {
        ConfigKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey candidate : ConfigKey.values()) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), candidate.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= 3 ? Optional.of(best) : Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    String matching(ConfigKey key, Pattern pattern, String defaultValue, String expected, String where) {
        String value = raw(key).orElse(defaultValue);
        if (!pattern.matcher(value).matches()) {
            problems.add(key, "'" + value + "' is not valid" + where + ".", "Write " + expected + " (default " + defaultValue + ").");
            return null;
        }
        return value;
    }

    boolean bool(ConfigKey key, boolean defaultValue) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(key, "'" + value.get() + "' is not a boolean.", "Write true or false (default " + defaultValue + ").");
                yield defaultValue;
            }
        };
    }

    Optional<JsonNode> json(ConfigKey key, String expected) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(value.get()));
        } catch (JsonProcessingException e) {
            problems.add(key, "is not " + expected.split(";")[0] + ".", "Write " + expected);
            return Optional.empty();
        }
    }

    /** A list of strings, or null (with a problem recorded) when the key is missing or malformed. */
    List<String> stringList(ConfigKey key, String fix) {
        Optional<JsonNode> node = json(key, "a list of strings; " + fix);
        if (node.isEmpty()) {
            if (raw(key).isEmpty()) {
                problems.add(key, "is not set.", fix);
            }
            return null;
        }
        if (!node.get().isArray()) {
            problems.add(key, "must be a list.", fix);
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node.get()) {
            if (!item.isTextual()) {
                problems.add(key, "must list strings only.", fix);
                return null;
            }
            values.add(item.asText());
        }
        return values;
    }
}
