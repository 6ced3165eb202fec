package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link Network}. */
public final class NetworkArgs extends ResourceArgs {
    public static final NetworkArgs Empty = new NetworkArgs();

    @Import(name = "ipRange", required = true)
    private @Nullable Output<String> ipRange;

    public Output<String> ipRange() {
        return this.ipRange;
    }

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

    @Import(name = "deleteProtection")
    private @Nullable Output<Boolean> deleteProtection;

    public Optional<Output<Boolean>> deleteProtection() {
        return Optional.ofNullable(this.deleteProtection);
    }

    private NetworkArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final NetworkArgs $ = new NetworkArgs();

        public Builder ipRange(@Nullable Output<String> ipRange) {
            $.ipRange = ipRange;
            return this;
        }

        public Builder ipRange(String ipRange) {
            return ipRange(Output.of(ipRange));
        }

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

        public Builder deleteProtection(@Nullable Output<Boolean> deleteProtection) {
            $.deleteProtection = deleteProtection;
            return this;
        }

        public Builder deleteProtection(Boolean deleteProtection) {
            return deleteProtection(Output.of(deleteProtection));
        }

        public NetworkArgs build() {
            return $;
        }
    }
}
