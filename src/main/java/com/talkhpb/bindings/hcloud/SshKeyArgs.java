package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link SshKey}. */
public final class SshKeyArgs extends ResourceArgs {
    public static final SshKeyArgs Empty = new SshKeyArgs();

    @Import(name = "name")
    private @Nullable Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    @Import(name = "publicKey", required = true)
    private @Nullable Output<String> publicKey;

    public Output<String> publicKey() {
        return this.publicKey;
    }

    @Import(name = "labels")
    private @Nullable Output<Map<String, String>> labels;

    public Optional<Output<Map<String, String>>> labels() {
        return Optional.ofNullable(this.labels);
    }

    private SshKeyArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final SshKeyArgs $ = new SshKeyArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder publicKey(@Nullable Output<String> publicKey) {
            $.publicKey = publicKey;
            return this;
        }

        public Builder publicKey(String publicKey) {
            return publicKey(Output.of(publicKey));
        }

        public Builder labels(@Nullable Output<Map<String, String>> labels) {
            $.labels = labels;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return labels(Output.of(labels));
        }

        public SshKeyArgs build() {
            $.publicKey = Objects.requireNonNull($.publicKey, "SshKeyArgs.publicKey is required");
            return $;
        }
    }
}
