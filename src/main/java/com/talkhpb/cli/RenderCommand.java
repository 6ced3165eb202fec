package com.talkhpb.cli;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.PublicAddressing;
import com.talkhpb.model.Topology;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.model.MediaNode;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SampleSecrets;
import com.talkhpb.render.SecretValues;
import com.talkhpb.settings.ExistingServer;
import com.talkhpb.settings.InvalidSettingsException;
import com.talkhpb.settings.Settings;
import com.talkhpb.settings.SettingsReader;
import com.talkhpb.settings.StackFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code render}: writes the exact bundle a stack's host receives, for review or air-gapped installs. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Write the bundle a stack's host receives: configs, manifest.json, firewall.json, cloud-init user-data.")
public final class RenderCommand implements Callable<Integer> {
    /** The documentation address (RFC 5737) used for samples when no --public-ipv4 is given. */
    static final String SAMPLE_PUBLIC_IPV4 = "203.0.113.10";
    /** A default-VPC address, for samples of a host behind 1:1 NAT (AWS). */
    static final String SAMPLE_INTERFACE_IPV4 = "172.31.16.10";

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

    @Option(names = "--interface-ipv4",
            description = "AWS: the server's private IPv4, which its 1:1 NAT maps to the public one (default: a {{host:interfaceIpv4}} placeholder).")
    String interfaceIpv4;

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
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            System.err.println("talk-hpb render: --out " + out + " is a file; give a directory (it is created if missing).");
            return 2;
        }
        settings.warnings().forEach(w -> System.err.println("talk-hpb render: warning: " + w));
        Deployment deployment = Deployment.of(settings, Topology.PRODUCTION);
        SecretValues secrets = sampleSecrets ? new SampleSecrets(stack) : SecretValues.PLACEHOLDERS;
        Bundle bundle = Bundle.render(deployment, hostFacts(deployment), secrets);
        BundleWriter.write(bundle, out);
        System.out.println("talk-hpb render: wrote " + bundle.files().size() + " config files, "
                + BundleWriter.MANIFEST + ", " + BundleWriter.FIREWALL + " and " + BundleWriter.USER_DATA + " to " + out
                + (sampleSecrets ? " (sample secrets: not for deployment)" : ""));
        for (MediaNode node : deployment.mediaNodes()) {
            // The nodes' addresses exist only once their VMs do: placeholders, in the bundle of each node.
            Bundle nodeBundle = Bundle.renderMediaNode(deployment, node,
                    HostFacts.UNKNOWN.withPrivateNetwork("{{host:privateIpv4}}", List.of()), "{{hpb:privateIpv4}}", secrets);
            Path nodeOut = out.resolve(node.name());
            BundleWriter.write(nodeBundle, nodeOut);
            System.out.println("talk-hpb render: wrote media node " + node.name() + "'s " + nodeBundle.files().size()
                    + " config files and user-data to " + nodeOut);
        }
        return 0;
    }

    private HostFacts hostFacts(Deployment deployment) {
        // An existing server's addresses are in the stack: the bundle is then exactly the one it gets.
        Optional<ExistingServer> existing = deployment.machine().existingServer();
        String publicAddress = publicIpv4 != null ? publicIpv4
                : existing.isPresent() ? existing.get().publicIpv4()
                : sampleSecrets ? SAMPLE_PUBLIC_IPV4 : HostFacts.UNKNOWN.publicIpv4();
        HostFacts own = deployment.publicAddressing() == PublicAddressing.ON_INTERFACE ? new HostFacts(publicAddress)
                : new HostFacts(publicAddress, interfaceIpv4 != null ? interfaceIpv4
                        : existing.isPresent() ? existing.get().interfaceIpv4()
                        : sampleSecrets ? SAMPLE_INTERFACE_IPV4 : HostFacts.UNKNOWN.interfaceIpv4());
        return deployment.usesMediaNodes() ? own.withPrivateNetwork("{{host:privateIpv4}}",
                HostFacts.unknownMediaNodes(deployment.mediaNodes().size())) : own;
    }
}
