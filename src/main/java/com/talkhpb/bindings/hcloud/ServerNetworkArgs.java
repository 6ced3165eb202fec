package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link ServerNetwork}. */
public final class ServerNetworkArgs extends ResourceArgs {
    public static final ServerNetworkArgs Empty = new ServerNetworkArgs();

    @Import(name = "serverId", required = true)
    private @Nullable Output<Integer> serverId;

    public Output<Integer> serverId() {
        return this.serverId;
    }

    @Import(name = "subnetId")
    private @Nullable Output<String> subnetId;

    public Optional<Output<String>> subnetId() {
        return Optional.ofNullable(this.subnetId);
    }

    @Import(name = "ip")
    private @Nullable Output<String> ip;

    public Optional<Output<String>> ip() {
        return Optional.ofNullable(this.ip);
    }

    private ServerNetworkArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServerNetworkArgs $ = new ServerNetworkArgs();

        public Builder serverId(@Nullable Output<Integer> serverId) {
            $.serverId = serverId;
            return this;
        }

        public Builder serverId(Integer serverId) {
            return serverId(Output.of(serverId));
        }

        public Builder subnetId(@Nullable Output<String> subnetId) {
            $.subnetId = subnetId;
            return this;
        }

        public Builder subnetId(String subnetId) {
            return subnetId(Output.of(subnetId));
        }

        public Builder ip(@Nullable Output<String> ip) {
            $.ip = ip;
            return this;
        }

        public Builder ip(String ip) {
            return ip(Output.of(ip));
        }

        public ServerNetworkArgs build() {
            return $;
        }
    }
}
