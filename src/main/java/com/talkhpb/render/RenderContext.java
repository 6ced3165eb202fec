package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.MediaNode;
import com.talkhpb.model.PackageSet;
import com.talkhpb.model.PortPlan;
import com.talkhpb.model.SecretRef;
import java.util.Optional;

/**
 * Everything a renderer reads: the model, the host's facts and the secret values, and, for a media
 * node's files, which node and the HPB's private address (the only source its proxy admits).
 */
public record RenderContext(Deployment deployment, HostFacts host, SecretValues secrets, Optional<NodeRole> mediaNode) {
    /** The host being rendered is media node {@code node}; its HPB has {@code hpbPrivateIpv4} on the private network. */
    public record NodeRole(MediaNode node, String hpbPrivateIpv4) {
    }

    public RenderContext(Deployment deployment, HostFacts host, SecretValues secrets) {
        this(deployment, host, secrets, Optional.empty());
    }

    public String secret(SecretRef ref) {
        return secrets.valueOf(ref);
    }

    /** The ports this host admits: the HPB's plan, or a media node's. */
    public PortPlan portPlan() {
        return mediaNode.map(role -> deployment.mediaNodePortPlan(role.hpbPrivateIpv4())).orElse(deployment.portPlan());
    }

    /** The packages this host runs: the HPB's, or a media node's. */
    public PackageSet packages() {
        return mediaNode.isPresent() ? deployment.mediaNodePackages() : deployment.packages();
    }

    /** What the generated files' headers name: the HPB's domain, or the node and its HPB. */
    public String hostLabel() {
        return mediaNode.map(role -> role.node().name() + " of " + deployment.domain()).orElse(deployment.domain());
    }

    /** A bundle file at {@code installPath}, with its path in the bundle relative to the topology's root. */
    public BundleFile file(String installPath, String content, String mode, String owner, String group, String service,
            BundleFile.Action action, boolean secret) {
        String bundlePath = deployment.topology().root().relativize(java.nio.file.Path.of(installPath)).toString();
        return new BundleFile(installPath, bundlePath, content, mode, owner, group, service, action, secret);
    }
}
