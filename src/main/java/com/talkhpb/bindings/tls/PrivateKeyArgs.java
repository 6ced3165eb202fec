package com.talkhpb.bindings.tls;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link PrivateKey}. */
public final class PrivateKeyArgs extends ResourceArgs {
    public static final PrivateKeyArgs Empty = new PrivateKeyArgs();

    @Import(name = "algorithm", required = true)
    private @Nullable Output<String> algorithm;

    public Output<String> algorithm() {
        return this.algorithm;
    }

    @Import(name = "ecdsaCurve")
    private @Nullable Output<String> ecdsaCurve;

    public Optional<Output<String>> ecdsaCurve() {
        return Optional.ofNullable(this.ecdsaCurve);
    }

    @Import(name = "rsaBits")
    private @Nullable Output<Integer> rsaBits;

    public Optional<Output<Integer>> rsaBits() {
        return Optional.ofNullable(this.rsaBits);
    }

    private PrivateKeyArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final PrivateKeyArgs $ = new PrivateKeyArgs();

        public Builder algorithm(@Nullable Output<String> algorithm) {
            $.algorithm = algorithm;
            return this;
        }

        public Builder algorithm(String algorithm) {
            return algorithm(Output.of(algorithm));
        }

        public Builder ecdsaCurve(@Nullable Output<String> ecdsaCurve) {
            $.ecdsaCurve = ecdsaCurve;
            return this;
        }

        public Builder ecdsaCurve(String ecdsaCurve) {
            return ecdsaCurve(Output.of(ecdsaCurve));
        }

        public Builder rsaBits(@Nullable Output<Integer> rsaBits) {
            $.rsaBits = rsaBits;
            return this;
        }

        public Builder rsaBits(Integer rsaBits) {
            return rsaBits(Output.of(rsaBits));
        }

        public PrivateKeyArgs build() {
            $.algorithm = Objects.requireNonNull($.algorithm, "PrivateKeyArgs.algorithm is required");
            return $;
        }
    }
}
