package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A Hetzner Cloud server's attachment to a private network (pulumi-hcloud). */
@ResourceType(type = ServerNetwork.TYPE)
public class ServerNetwork extends CustomResource {
    public static final String TYPE = "hcloud:index/serverNetwork:ServerNetwork";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "ip", refs = {String.class}, tree = "[0]")
    private Output<String> ip;

    public Output<String> ip() {
        return this.ip;
    }

    public ServerNetwork(String name, ServerNetworkArgs args) {
        this(name, args, null);
    }

    public ServerNetwork(String name, ServerNetworkArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
