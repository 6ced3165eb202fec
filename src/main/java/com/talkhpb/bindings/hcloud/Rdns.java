package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** Reverse DNS of a Hetzner Cloud IP (pulumi-hcloud). */
@ResourceType(type = Rdns.TYPE)
public class Rdns extends CustomResource {
    public static final String TYPE = "hcloud:index/rdns:Rdns";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "dnsPtr", refs = {String.class}, tree = "[0]")
    private Output<String> dnsPtr;

    public Output<String> dnsPtr() {
        return this.dnsPtr;
    }

    @Export(name = "ipAddress", refs = {String.class}, tree = "[0]")
    private Output<String> ipAddress;

    public Output<String> ipAddress() {
        return this.ipAddress;
    }

    public Rdns(String name, RdnsArgs args) {
        this(name, args, null);
    }

    public Rdns(String name, RdnsArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
