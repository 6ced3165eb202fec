package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link Rdns}. */
public final class RdnsArgs extends ResourceArgs {
    public static final RdnsArgs Empty = new RdnsArgs();

    @Import(name = "dnsPtr", required = true)
    private @Nullable Output<String> dnsPtr;

    public Output<String> dnsPtr() {
        return this.dnsPtr;
    }

    @Import(name = "ipAddress", required = true)
    private @Nullable Output<String> ipAddress;

    public Output<String> ipAddress() {
        return this.ipAddress;
    }

    @Import(name = "primaryIpId")
    private @Nullable Output<Integer> primaryIpId;

    public Optional<Output<Integer>> primaryIpId() {
        return Optional.ofNullable(this.primaryIpId);
    }

    @Import(name = "serverId")
    private @Nullable Output<Integer> serverId;

    public Optional<Output<Integer>> serverId() {
        return Optional.ofNullable(this.serverId);
    }

    private RdnsArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RdnsArgs $ = new RdnsArgs();

        public Builder dnsPtr(@Nullable Output<String> dnsPtr) {
            $.dnsPtr = dnsPtr;
            return this;
        }

        public Builder dnsPtr(String dnsPtr) {
            return dnsPtr(Output.of(dnsPtr));
        }

        public Builder ipAddress(@Nullable Output<String> ipAddress) {
            $.ipAddress = ipAddress;
            return this;
        }

        public Builder ipAddress(String ipAddress) {
            return ipAddress(Output.of(ipAddress));
        }

        public Builder primaryIpId(@Nullable Output<Integer> primaryIpId) {
            $.primaryIpId = primaryIpId;
            return this;
        }

        public Builder primaryIpId(Integer primaryIpId) {
            return primaryIpId(Output.of(primaryIpId));
        }

        public Builder serverId(@Nullable Output<Integer> serverId) {
            $.serverId = serverId;
            return this;
        }

        public Builder serverId(Integer serverId) {
            return serverId(Output.of(serverId));
        }

        public RdnsArgs build() {
            $.dnsPtr = Objects.requireNonNull($.dnsPtr, "RdnsArgs.dnsPtr is required");
            $.ipAddress = Objects.requireNonNull($.ipAddress, "RdnsArgs.ipAddress is required");
            return $;
        }
    }
}
