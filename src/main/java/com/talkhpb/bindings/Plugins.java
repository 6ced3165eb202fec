package com.talkhpb.bindings;

import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The provider plugins these bindings speak to, each pinned to the version whose schema the bindings
 * match (../shared/provider-schemas/). The same versions are in the plugin.json files beside each
 * binding package, from which the Java language host tells the engine which plugins to install.
 */
public enum Plugins {
    HCLOUD("hcloud", "1.39.1"),
    RANDOM("random", "4.21.1"),
    TLS("tls", "5.5.1"),
    COMMAND("command", "1.2.1");

    private final String pluginName;
    private final String version;

    Plugins(String pluginName, String version) {
        this.pluginName = pluginName;
        this.version = version;
    }

    public String pluginName() {
        return pluginName;
    }

    public String version() {
        return version;
    }

    /** The options a generated SDK would add (version, secret outputs), merged under the caller's. */
    public CustomResourceOptions options(@Nullable CustomResourceOptions options, List<String> secretOutputs) {
        CustomResourceOptions defaults = CustomResourceOptions.builder()
                .version(version)
                .additionalSecretOutputs(secretOutputs)
                .build();
        return CustomResourceOptions.merge(defaults, options);
    }
}
