package com.talkhpb.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor of the first boot, to measure it in the same run: user-data that installs the same
 * package list from the same sources on the same image, and nothing else (no upgrade, no kernel
 * settings, no time sync, no commands). Derived from the real user-data so the two cannot drift.
 */
public final class FirstBootFloor {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DONE_AFTER = Pattern.compile("cloud-init done after\\s+([\\d.]+)");

    private FirstBootFloor() {
    }

    /** The floor's user-data: the real one's package list, apt sources and pins only. */
    public static String userData(String realUserData) {
        try {
            ObjectNode real = (ObjectNode) YAML.readTree(realUserData);
            ObjectNode floor = YAML.createObjectNode();
            floor.put("package_update", true);
            floor.set("apt", real.get("apt"));
            ArrayNode sources = floor.putArray("write_files");
            real.withArray("write_files").forEach(file -> {
                if (file.path("path").asText().startsWith("/etc/apt/sources.list.d/")
                        || file.path("path").asText().startsWith("/etc/apt/preferences.d/")) {
                    sources.add(file);
                }
            });
            floor.set("packages", real.get("packages"));
            return "#cloud-config\n" + YAML.writeValueAsString(floor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "cloud-init done after N" from the phase table the wait for cloud-init prints: seconds since the kernel started. */
    public static OptionalDouble cloudInitDoneAfter(String waitOutput) {
        Matcher matcher = DONE_AFTER.matcher(waitOutput);
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }
}
