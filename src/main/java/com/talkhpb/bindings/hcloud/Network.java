package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A Hetzner Cloud private network (pulumi-hcloud). */
@ResourceType(type = Network.TYPE)
public class Network extends CustomResource {
    public static final String TYPE = "hcloud:index/network:Network";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    @Export(name = "ipRange", refs = {String.class}, tree = "[0]")
    private Output<String> ipRange;

    public Output<String> ipRange() {
        return this.ipRange;
    }

    public Network(String name, NetworkArgs args) {
        this(name, args, null);
    }

    public Network(String name, NetworkArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
