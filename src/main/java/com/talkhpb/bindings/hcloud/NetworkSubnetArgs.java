package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link NetworkSubnet}. */
public final class NetworkSubnetArgs extends ResourceArgs {
    public static final NetworkSubnetArgs Empty = new NetworkSubnetArgs();

    @Import(name = "networkId", required = true)
    private @Nullable Output<Integer> networkId;

    public Output<Integer> networkId() {
        return this.networkId;
    }

    @Import(name = "type", required = true)
    private @Nullable Output<String> type;

    public Output<String> type() {
        return this.type;
    }

    @Import(name = "networkZone", required = true)
    private @Nullable Output<String> networkZone;

    public Output<String> networkZone() {
        return this.networkZone;
    }

    @Import(name = "ipRange", required = true)
    private @Nullable Output<String> ipRange;

    public Output<String> ipRange() {
        return this.ipRange;
    }

    private NetworkSubnetArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final NetworkSubnetArgs $ = new NetworkSubnetArgs();

        public Builder networkId(@Nullable Output<Integer> networkId) {
            $.networkId = networkId;
            return this;
        }

        public Builder networkId(Integer networkId) {
            return networkId(Output.of(networkId));
        }

        public Builder type(@Nullable Output<String> type) {
            $.type = type;
            return this;
        }

        public Builder type(String type) {
            return type(Output.of(type));
        }

        public Builder networkZone(@Nullable Output<String> networkZone) {
            $.networkZone = networkZone;
            return this;
        }

        public Builder networkZone(String networkZone) {
            return networkZone(Output.of(networkZone));
        }

        public Builder ipRange(@Nullable Output<String> ipRange) {
            $.ipRange = ipRange;
            return this;
        }

        public Builder ipRange(String ipRange) {
            return ipRange(Output.of(ipRange));
        }

        public NetworkSubnetArgs build() {
            return $;
        }
    }
}
