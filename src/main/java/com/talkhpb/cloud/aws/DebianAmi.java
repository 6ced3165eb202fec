package com.talkhpb.cloud.aws;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which official Debian 12 AMI an instance type runs: Debian's own AMI account, the architecture the
 * instance family needs, and the name Debian gives its images.
 */
public record DebianAmi(String architecture) {
    /** The AWS account Debian's cloud team publishes its official AMIs from. */
    public static final String OWNER = "136693071363";
    /** Graviton families carry a g after the generation (t4g, c7g, c7gn, m6gd, g5g); a1 was the first. */
    private static final Pattern GRAVITON_FAMILY = Pattern.compile("a1|[a-z]+[0-9]+g[a-z]*");

    public static DebianAmi forInstanceType(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.'));
        return new DebianAmi(GRAVITON_FAMILY.matcher(family).matches() ? "arm64" : "x86_64");
    }

    /** The name pattern of Debian 12 AMIs, e.g. debian-12-amd64-20251112-2294. */
    public String namePattern() {
        return "debian-12-" + (architecture.equals("arm64") ? "arm64" : "amd64") + "-*";
    }

    /** The lookup filters: name, architecture, HVM on EBS. */
    public Map<String, String> filters() {
        return Map.of("name", namePattern(), "architecture", architecture, "virtualization-type", "hvm",
                "root-device-type", "ebs");
    }
}
