package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** An SSH public key registered with Hetzner Cloud (pulumi-hcloud). */
@ResourceType(type = SshKey.TYPE)
public class SshKey extends CustomResource {
    public static final String TYPE = "hcloud:index/sshKey:SshKey";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    @Export(name = "fingerprint", refs = {String.class}, tree = "[0]")
    private Output<String> fingerprint;

    public Output<String> fingerprint() {
        return this.fingerprint;
    }

    public SshKey(String name, SshKeyArgs args) {
        this(name, args, null);
    }

    public SshKey(String name, SshKeyArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
