package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A subnet of a Hetzner Cloud private network (pulumi-hcloud). */
@ResourceType(type = NetworkSubnet.TYPE)
public class NetworkSubnet extends CustomResource {
    public static final String TYPE = "hcloud:index/networkSubnet:NetworkSubnet";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "ipRange", refs = {String.class}, tree = "[0]")
    private Output<String> ipRange;

    public Output<String> ipRange() {
        return this.ipRange;
    }

    @Export(name = "gateway", refs = {String.class}, tree = "[0]")
    private Output<String> gateway;

    public Output<String> gateway() {
        return this.gateway;
    }

    public NetworkSubnet(String name, NetworkSubnetArgs args) {
        this(name, args, null);
    }

    public NetworkSubnet(String name, NetworkSubnetArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
