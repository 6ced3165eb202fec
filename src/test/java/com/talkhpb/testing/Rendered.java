package com.talkhpb.testing;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.PublicAddressing;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.SettingsReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** A production bundle rendered from a test config, with sample secrets and a documentation IP. */
public final class Rendered {
    public static final String PUBLIC_IPV4 = "203.0.113.10";
    /** The private address an AWS instance sees on its interface. */
    public static final String AWS_INTERFACE_IPV4 = "172.31.16.10";

    private Rendered() {
    }

    public static Deployment deployment(MapConfig config) {
        return Deployment.of(SettingsReader.read(config), Topology.PRODUCTION);
    }

    public static SecretValues secrets() {
        return new SampleSecrets("unit-test");
    }

    /** The bundle with the host facts of the config's cloud: behind 1:1 NAT on AWS. */
    public static Bundle bundle(MapConfig config) {
        Deployment deployment = deployment(config);
        HostFacts host = deployment.publicAddressing() == PublicAddressing.ONE_TO_ONE_NAT
                ? new HostFacts(PUBLIC_IPV4, AWS_INTERFACE_IPV4) : new HostFacts(PUBLIC_IPV4);
        return Bundle.render(deployment, host, secrets());
    }

    public static String file(MapConfig config, String bundlePath) {
        return bundle(config).file(bundlePath).content();
    }

    /** server.conf as section → key → value (last value wins), for assertions. */
    public static Map<String, Map<String, String>> ini(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = new LinkedHashMap<>();
                sections.put(trimmed.substring(1, trimmed.length() - 1), current);
            } else {
                int eq = trimmed.indexOf('=');
                current.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
            }
        }
        return sections;
    }
}
