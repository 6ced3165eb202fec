package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A Hetzner Cloud primary IP, which outlives the server it is assigned to (pulumi-hcloud). */
@ResourceType(type = PrimaryIp.TYPE)
public class PrimaryIp extends CustomResource {
    public static final String TYPE = "hcloud:index/primaryIp:PrimaryIp";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    @Export(name = "ipAddress", refs = {String.class}, tree = "[0]")
    private Output<String> ipAddress;

    public Output<String> ipAddress() {
        return this.ipAddress;
    }

    @Export(name = "ipNetwork", refs = {String.class}, tree = "[0]")
    private Output<String> ipNetwork;

    public Output<String> ipNetwork() {
        return this.ipNetwork;
    }

    public PrimaryIp(String name, PrimaryIpArgs args) {
        this(name, args, null);
    }

    public PrimaryIp(String name, PrimaryIpArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
