package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Schema type hcloud:index/FirewallRule:FirewallRule. */
public final class FirewallRuleArgs extends ResourceArgs {
    public static final FirewallRuleArgs Empty = new FirewallRuleArgs();

    @Import(name = "direction", required = true)
    private @Nullable Output<String> direction;

    public Output<String> direction() {
        return this.direction;
    }

    @Import(name = "protocol", required = true)
    private @Nullable Output<String> protocol;

    public Output<String> protocol() {
        return this.protocol;
    }

    @Import(name = "port")
    private @Nullable Output<String> port;

    public Optional<Output<String>> port() {
        return Optional.ofNullable(this.port);
    }

    @Import(name = "sourceIps")
    private @Nullable Output<List<String>> sourceIps;

    public Optional<Output<List<String>>> sourceIps() {
        return Optional.ofNullable(this.sourceIps);
    }

    @Import(name = "destinationIps")
    private @Nullable Output<List<String>> destinationIps;

    public Optional<Output<List<String>>> destinationIps() {
        return Optional.ofNullable(this.destinationIps);
    }

    @Import(name = "description")
    private @Nullable Output<String> description;

    public Optional<Output<String>> description() {
        return Optional.ofNullable(this.description);
    }

    private FirewallRuleArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final FirewallRuleArgs $ = new FirewallRuleArgs();

        public Builder direction(@Nullable Output<String> direction) {
            $.direction = direction;
            return this;
        }

        public Builder direction(String direction) {
            return direction(Output.of(direction));
        }

        public Builder protocol(@Nullable Output<String> protocol) {
            $.protocol = protocol;
            return this;
        }

        public Builder protocol(String protocol) {
            return protocol(Output.of(protocol));
        }

        public Builder port(@Nullable Output<String> port) {
            $.port = port;
            return this;
        }

        public Builder port(String port) {
            return port(Output.of(port));
        }

        public Builder sourceIps(@Nullable Output<List<String>> sourceIps) {
            $.sourceIps = sourceIps;
            return this;
        }

        public Builder sourceIps(List<String> sourceIps) {
            return sourceIps(Output.of(sourceIps));
        }

        public Builder destinationIps(@Nullable Output<List<String>> destinationIps) {
            $.destinationIps = destinationIps;
            return this;
        }

        public Builder destinationIps(List<String> destinationIps) {
            return destinationIps(Output.of(destinationIps));
        }

        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }

        public Builder description(String description) {
            return description(Output.of(description));
        }

        public FirewallRuleArgs build() {
            $.direction = Objects.requireNonNull($.direction, "FirewallRuleArgs.direction is required");
            $.protocol = Objects.requireNonNull($.protocol, "FirewallRuleArgs.protocol is required");
            return $;
        }
    }
}
