package com.talkhpb.cloud;

import java.util.Locale;
import java.util.Map;

/** Names and labels of a stack's cloud resources, the same on every cloud. */
public final class HostNaming {
    private HostNaming() {
    }

    /** A valid RFC 1123 host name from the stack name. */
    public static String hostname(String stackName) {
        String cleaned = stackName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
        return ("talk-hpb-" + cleaned).substring(0, Math.min(63, 9 + cleaned.length()));
    }

    /** Labels (Hetzner) or tags (AWS) that say which stack owns a resource. */
    public static Map<String, String> labels(String stackName) {
        return Map.of("app", "talk-hpb", "stack", stackName.replaceAll("[^A-Za-z0-9_.-]", "-"));
    }
}
