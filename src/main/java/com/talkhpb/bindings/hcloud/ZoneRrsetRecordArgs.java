package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Schema type hcloud:index/ZoneRrsetRecord:ZoneRrsetRecord. */
public final class ZoneRrsetRecordArgs extends ResourceArgs {
    public static final ZoneRrsetRecordArgs Empty = new ZoneRrsetRecordArgs();

    @Import(name = "value", required = true)
    private @Nullable Output<String> value;

    public Output<String> value() {
        return this.value;
    }

    @Import(name = "comment")
    private @Nullable Output<String> comment;

    public Optional<Output<String>> comment() {
        return Optional.ofNullable(this.comment);
    }

    private ZoneRrsetRecordArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final ZoneRrsetRecordArgs $ = new ZoneRrsetRecordArgs();

        public Builder value(@Nullable Output<String> value) {
            $.value = value;
            return this;
        }

        public Builder value(String value) {
            return value(Output.of(value));
        }

        public Builder comment(@Nullable Output<String> comment) {
            $.comment = comment;
            return this;
        }

        public Builder comment(String comment) {
            return comment(Output.of(comment));
        }

        public ZoneRrsetRecordArgs build() {
            $.value = Objects.requireNonNull($.value, "ZoneRrsetRecordArgs.value is required");
            return $;
        }
    }
}
