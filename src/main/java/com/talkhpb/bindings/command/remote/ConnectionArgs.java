package com.talkhpb.bindings.command.remote;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Schema type command:remote:Connection (SSH). */
public final class ConnectionArgs extends ResourceArgs {
    public static final ConnectionArgs Empty = new ConnectionArgs();

    @Import(name = "host", required = true)
    private @Nullable Output<String> host;

    public Output<String> host() {
        return this.host;
    }

    @Import(name = "port")
    private @Nullable Output<Double> port;

    public Optional<Output<Double>> port() {
        return Optional.ofNullable(this.port);
    }

    @Import(name = "user")
    private @Nullable Output<String> user;

    public Optional<Output<String>> user() {
        return Optional.ofNullable(this.user);
    }

    @Import(name = "privateKey")
    private @Nullable Output<String> privateKey;

    public Optional<Output<String>> privateKey() {
        return Optional.ofNullable(this.privateKey);
    }

    @Import(name = "hostKey")
    private @Nullable Output<String> hostKey;

    public Optional<Output<String>> hostKey() {
        return Optional.ofNullable(this.hostKey);
    }

    @Import(name = "dialErrorLimit")
    private @Nullable Output<Integer> dialErrorLimit;

    public Optional<Output<Integer>> dialErrorLimit() {
        return Optional.ofNullable(this.dialErrorLimit);
    }

    @Import(name = "perDialTimeout")
    private @Nullable Output<Integer> perDialTimeout;

    public Optional<Output<Integer>> perDialTimeout() {
        return Optional.ofNullable(this.perDialTimeout);
    }

    private ConnectionArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ConnectionArgs $ = new ConnectionArgs();

        public Builder host(@Nullable Output<String> host) {
            $.host = host;
            return this;
        }

        public Builder host(String host) {
            return host(Output.of(host));
        }

        public Builder port(@Nullable Output<Double> port) {
            $.port = port;
            return this;
        }

        public Builder port(Double port) {
            return port(Output.of(port));
        }

        public Builder user(@Nullable Output<String> user) {
            $.user = user;
            return this;
        }

        public Builder user(String user) {
            return user(Output.of(user));
        }

        public Builder privateKey(@Nullable Output<String> privateKey) {
            $.privateKey = privateKey;
            return this;
        }

        public Builder privateKey(String privateKey) {
            return privateKey(Output.of(privateKey));
        }

        public Builder hostKey(@Nullable Output<String> hostKey) {
            $.hostKey = hostKey;
            return this;
        }

        public Builder hostKey(String hostKey) {
            return hostKey(Output.of(hostKey));
        }

        public Builder dialErrorLimit(@Nullable Output<Integer> dialErrorLimit) {
            $.dialErrorLimit = dialErrorLimit;
            return this;
        }

        public Builder dialErrorLimit(Integer dialErrorLimit) {
            return dialErrorLimit(Output.of(dialErrorLimit));
        }

        public Builder perDialTimeout(@Nullable Output<Integer> perDialTimeout) {
            $.perDialTimeout = perDialTimeout;
            return this;
        }

        public Builder perDialTimeout(Integer perDialTimeout) {
            return perDialTimeout(Output.of(perDialTimeout));
        }

        public ConnectionArgs build() {
            $.host = Objects.requireNonNull($.host, "ConnectionArgs.host is required");
            return $;
        }
    }
}
