package com.talkhpb.provision;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.Monitoring;
import com.talkhpb.model.Protocol;
import com.talkhpb.render.Bundle;
import com.talkhpb.render.BundleWriter;
import com.talkhpb.render.HostFacts;
import com.talkhpb.render.SecretValues;
import com.talkhpb.render.Shell;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell texts of a media node's steps: configure (the proxy package at the HPB's signaling version,
 * then its bundle from standard input), its health check, and its drain, which runs when the node is
 * deleted. Like the HPB's, they hold no secret, and every value passes through {@link Shell#quote}.
 */
public final class MediaNodeScripts {
    /** Longest a scale-down waits for a node's calls to end before it stops the node's proxy. */
    public static final int DRAIN_MINUTES = 30;
    public static final List<String> HELPERS = List.of("install-bundle.sh", "install-signaling.sh", ProvisioningScripts.SSH_SESSION_ADMITTED,
            "media-node-health.sh", "drain-media-node.sh", "wait-for-address.sh", com.talkhpb.render.Watchdog.SCRIPT, "install-packages.sh",
            ProvisioningScripts.EXPORTERS);

    private final Deployment deployment;
    private final MediaNode node;
    private String configure;

    public MediaNodeScripts(Deployment deployment, MediaNode node) {
        this.deployment = deployment;
        this.node = node;
    }

    public String configure() {
        if (configure == null) {
            StringBuilder script = new StringBuilder("# talk-hpb media node ").append(node.name()).append(" configuration ")
                    .append(configurationHash()).append('\n')
                    .append("set -euo pipefail\n")
                    .append(ProvisioningScripts.installHelpers(HELPERS))
                    .append("bundle=$(mktemp)\n")
                    .append("trap 'rm -f \"$bundle\"' EXIT\n")
                    .append("cat > \"$bundle\"\n");
            List<String> sessionCheck = new ArrayList<>(List.of(ProvisioningScripts.LIBRARY + "/" + ProvisioningScripts.SSH_SESSION_ADMITTED,
                    "--ssh-port", Integer.toString(deployment.machine().sshPort())));
            sessionCheck.addAll(deployment.portPlan().sourcesFor(Protocol.TCP, deployment.machine().sshPort()));
            script.append(Shell.words(sessionCheck)).append('\n');
            List<String> signaling = new ArrayList<>(List.of(ProvisioningScripts.LIBRARY + "/install-signaling.sh",
                    deployment.packages().signalingVersion().orElse(ProvisioningScripts.KEEP_INSTALLED_VERSION)));
            signaling.addAll(deployment.mediaNodePackages().heldPackages());
            script.append(Shell.words(signaling)).append('\n')
                    // The proxy listens on the private address: it must be up before the proxy starts.
                    .append("address=$(jq -r --arg path ").append(Shell.quote(deployment.paths().proxyConf()))
                    .append(" '.files[] | select(.path == $path) | .content' \"$bundle\" | awk -F' *= *' '$1 == \"listen\" { sub(/:[0-9]+$/, \"\", $2); print $2; exit }')\n")
                    .append(Shell.quote(ProvisioningScripts.LIBRARY + "/wait-for-address.sh")).append(" \"$address\"\n")
                    .append(ProvisioningScripts.exporters(deployment, Monitoring.mediaNodeExporters()))
                    .append(Shell.quote(ProvisioningScripts.LIBRARY + "/install-bundle.sh")).append(" < \"$bundle\"\n");
            configure = script.toString();
        }
        return configure;
    }

    /** Its text names the configure step it follows, so it runs again whenever that step does. */
    public String healthCheck() {
        return "# talk-hpb media node " + node.name() + " health check after configure " + ProvisioningScripts.sha256(configure()) + "\n"
                + Shell.words(ProvisioningScripts.LIBRARY + "/media-node-health.sh", deployment.paths().proxyConf()) + "\n";
    }

    /** Run when the node is deleted: no new publishers, then wait (up to {@link #DRAIN_MINUTES}) for its calls to end. */
    public String drain() {
        List<String> words = new ArrayList<>(List.of(ProvisioningScripts.LIBRARY + "/drain-media-node.sh", node.name(),
                Integer.toString(DRAIN_MINUTES * 60), deployment.paths().proxyConf()));
        deployment.monitoring().ifPresent(metrics -> words.add(deployment.paths().metricsTextfiles()));
        return Shell.words(words) + "\n";
    }

    /** Hash of the node's bundle with placeholders: changes exactly when its configuration does. */
    String configurationHash() {
        HostFacts unknown = HostFacts.UNKNOWN.withPrivateNetwork("{{host:privateIpv4}}", List.of());
        return ProvisioningScripts.sha256(BundleWriter.installDocument(
                Bundle.renderMediaNode(deployment, node, unknown, "{{hpb:privateIpv4}}", SecretValues.PLACEHOLDERS)));
    }
}
