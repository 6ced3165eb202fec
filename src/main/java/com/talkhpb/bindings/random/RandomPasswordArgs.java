package com.talkhpb.bindings.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link RandomPassword}. */
public final class RandomPasswordArgs extends ResourceArgs {
    public static final RandomPasswordArgs Empty = new RandomPasswordArgs();

    @Import(name = "length", required = true)
    private @Nullable Output<Integer> length;

    public Output<Integer> length() {
        return this.length;
    }

    @Import(name = "special")
    private @Nullable Output<Boolean> special;

    public Optional<Output<Boolean>> special() {
        return Optional.ofNullable(this.special);
    }

    @Import(name = "upper")
    private @Nullable Output<Boolean> upper;

    public Optional<Output<Boolean>> upper() {
        return Optional.ofNullable(this.upper);
    }

    @Import(name = "lower")
    private @Nullable Output<Boolean> lower;

    public Optional<Output<Boolean>> lower() {
        return Optional.ofNullable(this.lower);
    }

    @Import(name = "numeric")
    private @Nullable Output<Boolean> numeric;

    public Optional<Output<Boolean>> numeric() {
        return Optional.ofNullable(this.numeric);
    }

    @Import(name = "minUpper")
    private @Nullable Output<Integer> minUpper;

    public Optional<Output<Integer>> minUpper() {
        return Optional.ofNullable(this.minUpper);
    }

    @Import(name = "minLower")
    private @Nullable Output<Integer> minLower;

    public Optional<Output<Integer>> minLower() {
        return Optional.ofNullable(this.minLower);
    }

    @Import(name = "minNumeric")
    private @Nullable Output<Integer> minNumeric;

    public Optional<Output<Integer>> minNumeric() {
        return Optional.ofNullable(this.minNumeric);
    }

    @Import(name = "keepers")
    private @Nullable Output<Map<String, String>> keepers;

    public Optional<Output<Map<String, String>>> keepers() {
        return Optional.ofNullable(this.keepers);
    }

    private RandomPasswordArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RandomPasswordArgs $ = new RandomPasswordArgs();

        public Builder length(@Nullable Output<Integer> length) {
            $.length = length;
            return this;
        }

        public Builder length(Integer length) {
            return length(Output.of(length));
        }

        public Builder special(@Nullable Output<Boolean> special) {
            $.special = special;
            return this;
        }

        public Builder special(Boolean special) {
            return special(Output.of(special));
        }

        public Builder upper(@Nullable Output<Boolean> upper) {
            $.upper = upper;
            return this;
        }

        public Builder upper(Boolean upper) {
            return upper(Output.of(upper));
        }

        public Builder lower(@Nullable Output<Boolean> lower) {
            $.lower = lower;
            return this;
        }

        public Builder lower(Boolean lower) {
            return lower(Output.of(lower));
        }

        public Builder numeric(@Nullable Output<Boolean> numeric) {
            $.numeric = numeric;
            return this;
        }

        public Builder numeric(Boolean numeric) {
            return numeric(Output.of(numeric));
        }

        public Builder minUpper(@Nullable Output<Integer> minUpper) {
            $.minUpper = minUpper;
            return this;
        }

        public Builder minUpper(Integer minUpper) {
            return minUpper(Output.of(minUpper));
        }

        public Builder minLower(@Nullable Output<Integer> minLower) {
            $.minLower = minLower;
            return this;
        }

        public Builder minLower(Integer minLower) {
            return minLower(Output.of(minLower));
        }

        public Builder minNumeric(@Nullable Output<Integer> minNumeric) {
            $.minNumeric = minNumeric;
            return this;
        }

        public Builder minNumeric(Integer minNumeric) {
            return minNumeric(Output.of(minNumeric));
        }

        public Builder keepers(@Nullable Output<Map<String, String>> keepers) {
            $.keepers = keepers;
            return this;
        }

        public Builder keepers(Map<String, String> keepers) {
            return keepers(Output.of(keepers));
        }

        public RandomPasswordArgs build() {
            $.length = Objects.requireNonNull($.length, "RandomPasswordArgs.length is required");
            return $;
        }
    }
}
