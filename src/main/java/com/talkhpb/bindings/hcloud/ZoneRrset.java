package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A record set in a Hetzner DNS zone (pulumi-hcloud). */
@ResourceType(type = ZoneRrset.TYPE)
public class ZoneRrset extends CustomResource {
    public static final String TYPE = "hcloud:index/zoneRrset:ZoneRrset";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of();

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    public Output<String> name() {
        return this.name;
    }

    @Export(name = "type", refs = {String.class}, tree = "[0]")
    private Output<String> type;

    public Output<String> type() {
        return this.type;
    }

    @Export(name = "zone", refs = {String.class}, tree = "[0]")
    private Output<String> zone;

    public Output<String> zone() {
        return this.zone;
    }

    public ZoneRrset(String name, ZoneRrsetArgs args) {
        this(name, args, null);
    }

    public ZoneRrset(String name, ZoneRrsetArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.HCLOUD.options(options, SECRET_OUTPUTS), false);
    }
}
