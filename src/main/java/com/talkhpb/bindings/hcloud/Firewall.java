package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A Hetzner Cloud firewall (pulumi-hcloud). */
@ResourceType(type = Firewall.TYPE)
public class Firewall extends CustomResource {
    public static final String TYPE = "hcloud:index/firewall:Firewall";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    public Firewall(String name, FirewallArgs args) {
        this(name, args, null);
    }

    public Firewall(String name, FirewallArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
