package com.talkhpb.cli;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.InvalidSettingsException;
import com.talkhpb.settings.Settings;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.settings.StackFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code render}: writes the exact bundle a stack's host receives, for review or air-gapped installs. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Write the bundle a stack's host receives: configs, manifest.json, firewall.json, cloud-init user-data.")
public final class RenderCommand implements Callable<Integer> {
    /** The documentation address (RFC 5737) used for samples when no --public-ipv4 is given. */
    static final String SAMPLE_PUBLIC_IPV4 = "203.0.113.10";

    @Option(names = "--stack", required = true, description = "Stack name: reads Pulumi.<stack>.yaml.")
    String stack;

    @Option(names = "--out", required = true, description = "Directory to write the bundle to.")
    Path out;

    @Option(names = "--project-dir", defaultValue = ".", description = "Directory holding Pulumi.yaml (default: .).")
    Path projectDir;

    @Option(names = "--sample-secrets",
            description = "Fill secrets with sample values of the right length (and " + SAMPLE_PUBLIC_IPV4
                    + " as public IPv4 unless given) instead of {{secret:NAME}} placeholders. Samples are public: never deploy them.")
    boolean sampleSecrets;

    @Option(names = "--public-ipv4", description = "The server's public IPv4 (default: a {{host:publicIpv4}} placeholder).")
    String publicIpv4;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = SettingsReader.read(StackFiles.read(projectDir, stack));
        } catch (InvalidSettingsException e) {
            System.err.println("talk-hpb render: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("talk-hpb render: " + e.getMessage());
            return 2;
        }
        HostFacts host = publicIpv4 != null ? new HostFacts(publicIpv4)
                : sampleSecrets ? new HostFacts(SAMPLE_PUBLIC_IPV4) : HostFacts.UNKNOWN;
        SecretValues secrets = sampleSecrets ? new SampleSecrets(stack) : SecretValues.PLACEHOLDERS;
        Bundle bundle = Bundle.render(Deployment.of(settings, Topology.PRODUCTION), host, secrets);
        BundleWriter.write(bundle, out);
        System.out.println("talk-hpb render: wrote " + bundle.files().size() + " config files, "
                + BundleWriter.MANIFEST + ", " + BundleWriter.FIREWALL + " and " + BundleWriter.USER_DATA + " to " + out
                + (sampleSecrets ? " (sample secrets: not for deployment)" : ""));
        return 0;
    }
}
