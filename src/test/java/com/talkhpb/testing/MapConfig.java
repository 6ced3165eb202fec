package com.talkhpb.testing;

import com.talkhpb.settings.ConfigSource;
import com.talkhpb.settings.StackFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stack config held in memory, for tests: start from a valid stack and change one key at a time. */
public final class MapConfig implements ConfigSource {
    private final String stackName;
    private final Map<String, String> values;

    private MapConfig(String stackName, Map<String, String> values) {
        this.stackName = stackName;
        this.values = values;
    }

    /** No settings at all. */
    public static MapConfig empty() {
        return new MapConfig("test", new LinkedHashMap<>());
    }

    /** A complete, valid stack configuration. */
    public static MapConfig valid() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("domain", "hpb.example.com");
        values.put("nextcloud", "[{\"url\":\"https://cloud.example.com\"}]");
        values.put("sshSourceCidrs", "[\"198.51.100.7/32\"]");
        values.put("tlsMode", "acme");
        values.put("acmeEmail", "admin@example.com");
        return new MapConfig("test", values);
    }

    /** The fixture stack Pulumi.<stack>.yaml ({@link FixtureStacks}), as the program would read it. */
    public static MapConfig ofFixtureStack(String stack) {
        StackFiles files = FixtureStacks.read(stack);
        MapConfig config = new MapConfig(stack, new LinkedHashMap<>());
        for (String key : files.keys()) {
            config = config.with(key, files.get(key).orElseThrow());
        }
        return config;
    }

    public MapConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new MapConfig(stackName, copy);
    }

    public MapConfig without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new MapConfig(stackName, copy);
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
}
