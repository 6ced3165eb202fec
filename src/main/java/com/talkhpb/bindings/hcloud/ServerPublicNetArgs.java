package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Optional;
import javax.annotation.Nullable;

/** Schema type hcloud:index/ServerPublicNet:ServerPublicNet. */
public final class ServerPublicNetArgs extends ResourceArgs {
    public static final ServerPublicNetArgs Empty = new ServerPublicNetArgs();

    @Import(name = "ipv4Enabled")
    private @Nullable Output<Boolean> ipv4Enabled;

    public Optional<Output<Boolean>> ipv4Enabled() {
        return Optional.ofNullable(this.ipv4Enabled);
    }

    @Import(name = "ipv4")
    private @Nullable Output<Integer> ipv4;

    public Optional<Output<Integer>> ipv4() {
        return Optional.ofNullable(this.ipv4);
    }

    @Import(name = "ipv6Enabled")
    private @Nullable Output<Boolean> ipv6Enabled;

    public Optional<Output<Boolean>> ipv6Enabled() {
        return Optional.ofNullable(this.ipv6Enabled);
    }

    @Import(name = "ipv6")
    private @Nullable Output<Integer> ipv6;

    public Optional<Output<Integer>> ipv6() {
        return Optional.ofNullable(this.ipv6);
    }

    private ServerPublicNetArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ServerPublicNetArgs $ = new ServerPublicNetArgs();

        public Builder ipv4Enabled(@Nullable Output<Boolean> ipv4Enabled) {
            $.ipv4Enabled = ipv4Enabled;
            return this;
        }

        public Builder ipv4Enabled(Boolean ipv4Enabled) {
            return ipv4Enabled(Output.of(ipv4Enabled));
        }

        public Builder ipv4(@Nullable Output<Integer> ipv4) {
            $.ipv4 = ipv4;
            return this;
        }

        public Builder ipv4(Integer ipv4) {
            return ipv4(Output.of(ipv4));
        }

        public Builder ipv6Enabled(@Nullable Output<Boolean> ipv6Enabled) {
            $.ipv6Enabled = ipv6Enabled;
            return this;
        }

        public Builder ipv6Enabled(Boolean ipv6Enabled) {
            return ipv6Enabled(Output.of(ipv6Enabled));
        }

        public Builder ipv6(@Nullable Output<Integer> ipv6) {
            $.ipv6 = ipv6;
            return this;
        }

        public Builder ipv6(Integer ipv6) {
            return ipv6(Output.of(ipv6));
        }

        public ServerPublicNetArgs build() {
            return $;
        }
    }
}
