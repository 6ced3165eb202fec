package com.talkhpb.bindings.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A random password kept in state (pulumi-random). */
@ResourceType(type = RandomPassword.TYPE)
public class RandomPassword extends CustomResource {
    public static final String TYPE = "random:index/randomPassword:RandomPassword";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of("bcryptHash", "result");

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    public Output<String> result() {
        return this.result;
    }

    @Export(name = "length", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> length;

    public Output<Integer> length() {
        return this.length;
    }

    public RandomPassword(String name, RandomPasswordArgs args) {
        this(name, args, null);
    }

    public RandomPassword(String name, RandomPasswordArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.RANDOM.options(options, SECRET_OUTPUTS), false);
    }
}
