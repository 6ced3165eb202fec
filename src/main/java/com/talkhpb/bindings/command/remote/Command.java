package com.talkhpb.bindings.command.remote;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.talkhpb.bindings.Plugins;
import java.util.List;
import javax.annotation.Nullable;

/** A command run over SSH on create, update and delete (pulumi-command). */
@ResourceType(type = Command.TYPE)
public class Command extends CustomResource {
    public static final String TYPE = "command:remote:Command";
    /** Outputs the official SDK marks secret (additionalSecretOutputs). */
    public static final List<String> SECRET_OUTPUTS = List.of("connection");

    @Export(name = "stdout", refs = {String.class}, tree = "[0]")
    private Output<String> stdout;

    public Output<String> stdout() {
        return this.stdout;
    }

    @Export(name = "stderr", refs = {String.class}, tree = "[0]")
    private Output<String> stderr;

    public Output<String> stderr() {
        return this.stderr;
    }

    public Command(String name, CommandArgs args) {
        this(name, args, null);
    }

    public Command(String name, CommandArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugins.COMMAND.options(options, SECRET_OUTPUTS), false);
    }
}
