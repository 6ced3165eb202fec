package com.talkhpb.bindings.hcloud;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/** Inputs of {@link PrimaryIp}. */
public final class PrimaryIpArgs extends ResourceArgs {
    public static final PrimaryIpArgs Empty = new PrimaryIpArgs();

    @Import(name = "name")
    private @Nullable Output<String> name;

    public Optional<Output<String>> name() {
        return Optional.ofNullable(this.name);
    }

    @Import(name = "type", required = true)
    private @Nullable Output<String> type;

    public Output<String> type() {
        return this.type;
    }

    @Import(name = "location")
    private @Nullable Output<String> location;

    public Optional<Output<String>> location() {
        return Optional.ofNullable(this.location);
    }

    @Import(name = "assigneeType")
    private @Nullable Output<String> assigneeType;

    public Optional<Output<String>> assigneeType() {
        return Optional.ofNullable(this.assigneeType);
    }

    @Import(name = "autoDelete")
    private @Nullable Output<Boolean> autoDelete;

    public Optional<Output<Boolean>> autoDelete() {
        return Optional.ofNullable(this.autoDelete);
    }

    @Import(name = "deleteProtection")
    private @Nullable Output<Boolean> deleteProtection;

    public Optional<Output<Boolean>> deleteProtection() {
        return Optional.ofNullable(this.deleteProtection);
    }

    @Import(name = "labels")
    private @Nullable Output<Map<String, String>> labels;

    public Optional<Output<Map<String, String>>> labels() {
        return Optional.ofNullable(this.labels);
    }

    private PrimaryIpArgs() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final PrimaryIpArgs $ = new PrimaryIpArgs();

        public Builder name(@Nullable Output<String> name) {
            $.name = name;
            return this;
        }

        public Builder name(String name) {
            return name(Output.of(name));
        }

        public Builder type(@Nullable Output<String> type) {
            $.type = type;
            return this;
        }

        public Builder type(String type) {
            return type(Output.of(type));
        }

        public Builder location(@Nullable Output<String> location) {
            $.location = location;
            return this;
        }

        public Builder location(String location) {
            return location(Output.of(location));
        }

        public Builder assigneeType(@Nullable Output<String> assigneeType) {
            $.assigneeType = assigneeType;
            return this;
        }

        public Builder assigneeType(String assigneeType) {
            return assigneeType(Output.of(assigneeType));
        }

        public Builder autoDelete(@Nullable Output<Boolean> autoDelete) {
            $.autoDelete = autoDelete;
            return this;
        }

        public Builder autoDelete(Boolean autoDelete) {
            return autoDelete(Output.of(autoDelete));
        }

        public Builder deleteProtection(@Nullable Output<Boolean> deleteProtection) {
            $.deleteProtection = deleteProtection;
            return this;
        }

        public Builder deleteProtection(Boolean deleteProtection) {
            return deleteProtection(Output.of(deleteProtection));
        }

        public Builder labels(@Nullable Output<Map<String, String>> labels) {
            $.labels = labels;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            return labels(Output.of(labels));
        }

        public PrimaryIpArgs build() {
            $.type = Objects.requireNonNull($.type, "PrimaryIpArgs.type is required");
            return $;
        }
    }
}
