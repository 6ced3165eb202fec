package com.talkhpb.render;

import com.talkhpb.model.Deployment;
import com.talkhpb.model.SecretRef;

/** Everything a renderer reads: the model, the host's facts and the secret values. */
public record RenderContext(Deployment deployment, HostFacts host, SecretValues secrets) {
    public String secret(SecretRef ref) {
        return secrets.valueOf(ref);
    }

    /** A bundle file at {@code installPath}, with its path in the bundle relative to the topology's root. */
    public BundleFile file(String installPath, String content, String mode, String owner, String group, String service,
            BundleFile.Action action, boolean secret) {
        String bundlePath = deployment.topology().root().relativize(java.nio.file.Path.of(installPath)).toString();
        return new BundleFile(installPath, bundlePath, content, mode, owner, group, service, action, secret);
    }
}
