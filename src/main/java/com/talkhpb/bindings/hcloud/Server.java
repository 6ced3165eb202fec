package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A Hetzner Cloud server (pulumi-hcloud). */
@ResourceType(type = Server.TYPE)
public class Server extends CustomResource {
    public static final String TYPE = "hcloud:index/server:Server";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    @Export(name = "ipv4Address", refs = {String.class}, tree = "[0]")
    private Output<String> ipv4Address;

    public Output<String> ipv4Address() {
        return this.ipv4Address;
    }

    @Export(name = "ipv6Address", refs = {String.class}, tree = "[0]")
    private Output<String> ipv6Address;

    public Output<String> ipv6Address() {
        return this.ipv6Address;
    }

    @Export(name = "status", refs = {String.class}, tree = "[0]")
    private Output<String> status;

    public Output<String> status() {
        return this.status;
    }

    public Server(String name, ServerArgs args) {
        this(name, args, null);
    }

    public Server(String name, ServerArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
