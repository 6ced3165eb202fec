package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link Firewall}. */
public final class FirewallArgs extends ResourceArgs {
    public static final FirewallArgs Empty = new FirewallArgs();

    @Import(name = "name")
    private @Nullable Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    @Import(name = "labels")
    private @Nullable Output<Map<String, String>> labels;

    public Optional<Output<Map<String, String>>> labels() {
        return Optional.ofNullable(this.labels);
    }

    @Import(name = "rules")
    private @Nullable Output<List<FirewallRuleArgs>> rules;

    public Optional<Output<List<FirewallRuleArgs>>> rules() {
        return Optional.ofNullable(this.rules);
    }

    private FirewallArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final FirewallArgs $ = new FirewallArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder labels(@Nullable Output<Map<String, String>> labels) {
            $.labels = labels;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return labels(Output.of(labels));
        }

        public Builder rules(@Nullable Output<List<FirewallRuleArgs>> rules) {
            $.rules = rules;
            return this;
        }

        public Builder rules(List<FirewallRuleArgs> rules) {
            return rules(Output.of(rules));
        }

        public FirewallArgs build() {
            return $;
        }
    }
}
